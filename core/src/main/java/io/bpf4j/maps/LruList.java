package io.bpf4j.maps;

import io.bpf4j.maps.HashTable.Node;

/**
 * The recency list of an LRU hash map: a doubly linked list of nodes from least to most
 * recently inserted, guarded by the map's single writer lock (which {@link HashTable} holds
 * around every call here). Eviction is the second-chance
 * rule the kernel's LRU approximates with its reference bit: a node whose bit a lookup set
 * since it was last examined moves to the tail with the bit cleared; the first node without
 * it is evicted.
 */
final class LruList {
  private final HashTable table;
  private Node head;
  private Node tail;

  LruList(HashTable table) {
    this.table = table;
  }

  /** Under the map lock, before an insert into a full map: evicts one element. */
  void evictOne() {
    while (head != null) {
      Node n = head;
      if (n.ref) {
        n.ref = false;
        remove(n);
        append(n);
        continue;
      }
      remove(n);
      Node gone = table.unlink(n.elem, n.hash);
      if (gone != null) {
        table.recycle(gone.elem);
      }
      return;
    }
  }

  void append(Node n) {
    n.lruPrev = tail;
    n.lruNext = null;
    if (tail == null) {
      head = n;
    } else {
      tail.lruNext = n;
    }
    tail = n;
  }

  void remove(Node n) {
    if (n.lruPrev == null) {
      if (head == n) {
        head = n.lruNext;
      }
    } else {
      n.lruPrev.lruNext = n.lruNext;
    }
    if (n.lruNext == null) {
      if (tail == n) {
        tail = n.lruPrev;
      }
    } else {
      n.lruNext.lruPrev = n.lruPrev;
    }
    n.lruPrev = null;
    n.lruNext = null;
  }

  /** {@code fresh} takes the place of {@code old} as the most recent node. */
  void replace(Node old, Node fresh) {
    remove(old);
    append(fresh);
  }
}
