/* A few kernel types for CO-RE fixtures: preserve_access_index makes every access a
 * relocation resolved against the running kernel's BTF, so field order and sizes here do
 * not need to match the kernel's. */
#ifndef MINI_VMLINUX_H
#define MINI_VMLINUX_H
#pragma clang attribute push (__attribute__((preserve_access_index)), apply_to = record)
struct list_head { struct list_head *next, *prev; };
struct task_struct {
  unsigned int flags;
  int prio;
  int pid;
  int tgid;
  char comm[16];
  struct task_struct *real_parent;
  struct task_struct *group_leader;
  struct list_head children;
  struct mm_struct *mm;
};
struct mm_struct { unsigned long total_vm; };
/* a flavor: matches task_struct, with a field the kernel never had */
struct task_struct___old { int pid; long no_such_field; };
struct sk_buff { unsigned int len; unsigned char cloned:1, nohdr:1, fclone:2, peeked:1; __u16 protocol; };
#pragma clang attribute pop
enum pid_type { PIDTYPE_PID, PIDTYPE_TGID, PIDTYPE_PGID, PIDTYPE_SID, PIDTYPE_MAX };
#endif
