package dev.rekord.processor.generate;

import com.palantir.javapoet.ClassName;
import com.palantir.javapoet.CodeBlock;
import java.util.List;

/** Calls of a record's canonical constructor, one argument per line. */
final class Constructors {
  private Constructors() {}

  /** {@code return new Member(\n    a,\n    b);} */
  static CodeBlock returnNew(ClassName recordType, List<CodeBlock> arguments) {
    if (arguments.isEmpty()) {
      return CodeBlock.of("return new $T();\n", recordType);
    }
    return CodeBlock.builder()
        .add("return new $T(\n$>$>", recordType)
        .add(CodeBlock.join(arguments, ",\n"))
        .add(");\n$<$<")
        .build();
  }
}
