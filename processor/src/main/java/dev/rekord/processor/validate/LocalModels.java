package dev.rekord.processor.validate;

import com.sun.source.tree.AnnotationTree;
import com.sun.source.tree.BlockTree;
import com.sun.source.tree.ClassTree;
import com.sun.source.tree.CompilationUnitTree;
import com.sun.source.tree.ImportTree;
import com.sun.source.tree.LambdaExpressionTree;
import com.sun.source.tree.MethodTree;
import com.sun.source.tree.Tree;
import com.sun.source.util.TreePath;
import com.sun.source.util.TreePathScanner;
import com.sun.source.util.Trees;
import dev.rekord.processor.diag.Message;
import java.util.Collections;
import java.util.IdentityHashMap;
import java.util.Set;
import javax.annotation.processing.ProcessingEnvironment;
import javax.lang.model.element.Element;
import javax.tools.Diagnostic;

/**
 * Reports {@code @RedisModel} types declared inside a method, constructor, initializer or lambda
 * as {@code [Rekord.NotAccessible]}: generated code cannot name them. Annotation processing never
 * shows such local types as elements, so they are found in the source through javac's tree API;
 * their annotations are not resolved yet, so {@code RedisModel} is matched by name (written
 * qualified, or imported from {@code dev.rekord.annotations}). Finds nothing when the compiler is
 * not javac (or hides it behind a wrapper), where a local model stays unreported.
 */
public final class LocalModels {
  private static final String PACKAGE = "dev.rekord.annotations";

  private final Trees trees;

  private LocalModels(Trees trees) {
    this.trees = trees;
  }

  public static LocalModels of(ProcessingEnvironment env) {
    try {
      return new LocalModels(Trees.instance(env));
    } catch (IllegalArgumentException | LinkageError notJavac) {
      return new LocalModels(null);
    }
  }

  /** Reports every local model in the compilation units of {@code roots}, each unit once. */
  public void report(Set<? extends Element> roots) {
    if (trees == null) {
      return;
    }
    Set<CompilationUnitTree> scanned = Collections.newSetFromMap(new IdentityHashMap<>());
    for (Element root : roots) {
      TreePath path = trees.getPath(root);
      if (path != null && scanned.add(path.getCompilationUnit())) {
        new Scanner(path.getCompilationUnit()).scan(path.getCompilationUnit(), null);
      }
    }
  }

  /** Walks one compilation unit, remembering the innermost method (or initializer) around each class. */
  private final class Scanner extends TreePathScanner<Void, String> {
    private final CompilationUnitTree unit;
    private final boolean importsRedisModel;

    Scanner(CompilationUnitTree unit) {
      this.unit = unit;
      this.importsRedisModel = unit.getImports().stream().filter(i -> !i.isStatic())
          .map(ImportTree::getQualifiedIdentifier).map(Object::toString)
          .anyMatch(name -> name.equals(PACKAGE + ".RedisModel") || name.equals(PACKAGE + ".*"));
    }

    /** @param inside what the class is declared in, or {@code null} for a top-level or member class */
    @Override
    public Void visitClass(ClassTree type, String inside) {
      if (inside != null && type.getModifiers().getAnnotations().stream().anyMatch(this::isRedisModel)) {
        String name = type.getSimpleName().length() == 0 ? "an anonymous class" : type.getSimpleName().toString();
        String packageName = unit.getPackageName() == null ? "" : unit.getPackageName().toString();
        trees.printMessage(Diagnostic.Kind.ERROR,
            Message.NOT_ACCESSIBLE.format(packageName, name, "declared inside " + inside), type, unit);
      }
      return super.visitClass(type, inside); // what a local class holds is local too
    }

    @Override
    public Void visitLambdaExpression(LambdaExpressionTree lambda, String inside) {
      return super.visitLambdaExpression(lambda, inside == null ? "a lambda" : inside);
    }

    @Override
    public Void visitMethod(MethodTree method, String inside) {
      String name = method.getName().contentEquals("<init>")
          ? "a constructor"
          : method.getName() + "()";
      return super.visitMethod(method, name);
    }

    /** A block directly in a class body is an initializer. */
    @Override
    public Void visitBlock(BlockTree block, String inside) {
      Tree parent = getCurrentPath().getParentPath().getLeaf();
      return super.visitBlock(block, parent instanceof ClassTree ? "an initializer" : inside);
    }

    private boolean isRedisModel(AnnotationTree annotation) {
      String written = annotation.getAnnotationType().toString();
      return written.equals(PACKAGE + ".RedisModel") || (written.equals("RedisModel") && importsRedisModel);
    }
  }
}
