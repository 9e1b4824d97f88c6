package dev.rekord.processor.validate;

import java.util.Optional;
import javax.lang.model.element.Element;
import javax.lang.model.element.Modifier;
import javax.lang.model.element.NestingKind;
import javax.lang.model.element.PackageElement;
import javax.lang.model.element.TypeElement;
import javax.lang.model.util.Elements;

/** Whether generated code in a package can name a type: the record, or a type it embeds. */
final class Accessibility {
  private final Elements elements;

  Accessibility(Elements elements) {
    this.elements = elements;
  }

  /**
   * Why code in {@code packageName} cannot name {@code type}, phrased to follow "it is", or empty
   * when it can.
   */
  Optional<String> whyInaccessible(TypeElement type, String packageName) {
    boolean samePackage = elements.getPackageOf(type).getQualifiedName().contentEquals(packageName);
    Element current = type;
    while (!(current instanceof PackageElement)) {
      if (!(current instanceof TypeElement nested)) {
        return Optional.of("declared inside " + current.getSimpleName() + "()");
      }
      NestingKind nesting = nested.getNestingKind();
      if (nesting == NestingKind.LOCAL || nesting == NestingKind.ANONYMOUS) {
        return Optional.of("a local type");
      }
      String which = current == type ? "" : " (enclosing " + nested.getSimpleName() + ")";
      if (nested.getModifiers().contains(Modifier.PRIVATE)) {
        return Optional.of("private" + which);
      }
      if (!samePackage && !nested.getModifiers().contains(Modifier.PUBLIC)) {
        return Optional.of("not public" + which);
      }
      current = current.getEnclosingElement();
    }
    return Optional.empty();
  }
}
