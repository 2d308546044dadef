package io.bpf4j.btf;

import java.util.List;

/**
 * One BTF type ({@code struct btf_type} and the data that follows it). Types refer to each
 * other by id: 0 is {@code void}, the first type in the data is id 1. Names are resolved
 * strings; anonymous types have the empty name.
 */
public sealed interface BtfType {
  /** The kind. */
  BtfKind kind();

  /** The name, empty for anonymous types. */
  default String name() {
    return "";
  }

  /** Type id 0. */
  record Void() implements BtfType {
    @Override
    public BtfKind kind() {
      return BtfKind.VOID;
    }
  }

  /**
   * {@code BTF_KIND_INT}.
   *
   * @param encoding bits {@link #SIGNED}, {@link #CHAR}, {@link #BOOL}
   * @param bitOffset the {@code BTF_INT_OFFSET} (0 in practice)
   * @param bits the {@code BTF_INT_BITS}
   */
  record Int(String name, int size, int encoding, int bitOffset, int bits) implements BtfType {
    /** {@code BTF_INT_SIGNED}. */
    public static final int SIGNED = 1;
    /** {@code BTF_INT_CHAR}. */
    public static final int CHAR = 2;
    /** {@code BTF_INT_BOOL}. */
    public static final int BOOL = 4;

    @Override
    public BtfKind kind() {
      return BtfKind.INT;
    }

    /** True when signed. */
    public boolean signed() {
      return (encoding & SIGNED) != 0;
    }
  }

  /** {@code BTF_KIND_PTR}. */
  record Ptr(int type) implements BtfType {
    @Override
    public BtfKind kind() {
      return BtfKind.PTR;
    }
  }

  /** {@code BTF_KIND_ARRAY}. */
  record Array(int type, int indexType, int nelems) implements BtfType {
    @Override
    public BtfKind kind() {
      return BtfKind.ARRAY;
    }
  }

  /** A member of a struct or union; {@code bitfieldSize} is 0 unless it is a bitfield. */
  record Member(String name, int type, int bitOffset, int bitfieldSize) {}

  /** A struct or a union. */
  sealed interface Composite extends BtfType {
    /** Size in bytes. */
    int size();

    /** The members in declaration order. */
    List<Member> members();
  }

  /** {@code BTF_KIND_STRUCT}. */
  record Struct(String name, int size, List<Member> members) implements Composite {
    /** Copies the member list. */
    public Struct {
      members = List.copyOf(members);
    }

    @Override
    public BtfKind kind() {
      return BtfKind.STRUCT;
    }
  }

  /** {@code BTF_KIND_UNION}. */
  record Union(String name, int size, List<Member> members) implements Composite {
    /** Copies the member list. */
    public Union {
      members = List.copyOf(members);
    }

    @Override
    public BtfKind kind() {
      return BtfKind.UNION;
    }
  }

  /** An enumerator: name and value (sign-extended for signed 32-bit enums). */
  record EnumValue(String name, long value) {}

  /** {@code BTF_KIND_ENUM} and {@code BTF_KIND_ENUM64}. */
  record Enum(String name, int size, boolean signed, boolean is64, List<EnumValue> values)
      implements BtfType {
    /** Copies the values. */
    public Enum {
      values = List.copyOf(values);
    }

    @Override
    public BtfKind kind() {
      return is64 ? BtfKind.ENUM64 : BtfKind.ENUM;
    }
  }

  /** {@code BTF_KIND_FWD}: a declared struct ({@code union == false}) or union. */
  record Fwd(String name, boolean union) implements BtfType {
    @Override
    public BtfKind kind() {
      return BtfKind.FWD;
    }
  }

  /** {@code BTF_KIND_TYPEDEF}. */
  record Typedef(String name, int type) implements BtfType {
    @Override
    public BtfKind kind() {
      return BtfKind.TYPEDEF;
    }
  }

  /** {@code BTF_KIND_VOLATILE}, {@code CONST}, {@code RESTRICT} and {@code TYPE_TAG}. */
  record Qualifier(BtfKind kind, String name, int type) implements BtfType {}

  /** {@code BTF_KIND_FUNC}; linkage 0 static, 1 global, 2 extern. */
  record Func(String name, int type, int linkage) implements BtfType {
    @Override
    public BtfKind kind() {
      return BtfKind.FUNC;
    }
  }

  /** A parameter of a function prototype; type 0 with no name is the {@code ...}. */
  record Param(String name, int type) {}

  /** {@code BTF_KIND_FUNC_PROTO}. */
  record FuncProto(int returnType, List<Param> params) implements BtfType {
    /** Copies the parameters. */
    public FuncProto {
      params = List.copyOf(params);
    }

    @Override
    public BtfKind kind() {
      return BtfKind.FUNC_PROTO;
    }
  }

  /** {@code BTF_KIND_VAR}; linkage 0 static, 1 global (allocated), 2 extern. */
  record Var(String name, int type, int linkage) implements BtfType {
    @Override
    public BtfKind kind() {
      return BtfKind.VAR;
    }
  }

  /** A variable in a data section: its VAR (or FUNC for ksyms) type, offset and size. */
  record VarSecinfo(int type, int offset, int size) {}

  /** {@code BTF_KIND_DATASEC}. */
  record Datasec(String name, int size, List<VarSecinfo> vars) implements BtfType {
    /** Copies the variables. */
    public Datasec {
      vars = List.copyOf(vars);
    }

    @Override
    public BtfKind kind() {
      return BtfKind.DATASEC;
    }
  }

  /** {@code BTF_KIND_FLOAT}. */
  record Float(String name, int size) implements BtfType {
    @Override
    public BtfKind kind() {
      return BtfKind.FLOAT;
    }
  }

  /** {@code BTF_KIND_DECL_TAG}; {@code componentIdx} -1 tags the declaration itself. */
  record DeclTag(String name, int type, int componentIdx) implements BtfType {
    @Override
    public BtfKind kind() {
      return BtfKind.DECL_TAG;
    }
  }
}
