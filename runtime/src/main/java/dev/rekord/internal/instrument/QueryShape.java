package dev.rekord.internal.instrument;

import dev.rekord.query.And;
import dev.rekord.query.Comparison;
import dev.rekord.query.Condition;
import dev.rekord.query.Contains;
import dev.rekord.query.GeoBox;
import dev.rekord.query.GeoRadius;
import dev.rekord.query.In;
import dev.rekord.query.Not;
import dev.rekord.query.NullCheck;
import dev.rekord.query.Or;
import dev.rekord.query.Range;
import dev.rekord.query.Sort;
import dev.rekord.query.StartsWith;
import dev.rekord.query.TextMatch;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/**
 * The shape of a query, a metrics tag: its fields and operators and its sort keys, never its
 * values — {@code age:range+city:eq sort:age}, {@code city:in|name:prefix}, {@code all sort:-joinDate}.
 * Built from the condition's structure only, so two queries that differ in values share a shape
 * and the number of shapes is bounded by the queries an application's code writes. The operands of
 * {@code AND} and {@code OR} are sorted, so the order they were written in does not matter.
 */
public final class QueryShape {
  private QueryShape() {}

  /** The shape of a query over every document, unsorted. */
  public static final String ALL = "all";

  /** The shape of {@code condition} ({@code null}: all documents) sorted by {@code sort}. */
  public static String of(Condition<?> condition, List<? extends Sort<?>> sort) {
    StringBuilder shape = new StringBuilder(condition == null ? ALL : of(condition));
    if (!sort.isEmpty()) {
      shape.append(" sort:");
      for (int i = 0; i < sort.size(); i++) {
        Sort<?> key = sort.get(i);
        shape.append(i == 0 ? "" : ",").append(key.byRelevance() ? "relevance"
            : (key.descending() ? "-" : "") + key.field().path());
      }
    }
    return shape.toString();
  }

  private static String of(Condition<?> condition) {
    // instanceof, not a switch over the sealed type: the runtime targets Java 17
    if (condition instanceof And<?> and) {
      return joined(and.conditions(), "+");
    } else if (condition instanceof Or<?> or) {
      return joined(or.conditions(), "|");
    } else if (condition instanceof Not<?> not) {
      return "!" + nested(not.condition());
    } else if (condition instanceof Comparison<?> c) {
      return c.field().path() + ":" + c.operator().name().toLowerCase(Locale.ROOT);
    } else if (condition instanceof Range<?> r) {
      return r.field().path() + ":range";
    } else if (condition instanceof In<?> in) {
      return in.field().path() + ":in";
    } else if (condition instanceof Contains<?> c) {
      return c.field().path() + (c.all() ? ":containsAll" : ":containsAny");
    } else if (condition instanceof StartsWith<?> s) {
      return s.field().path() + ":prefix";
    } else if (condition instanceof TextMatch<?> t) {
      return t.field().path() + ":text" + (t.all() ? "All" : "Any") + (t.prefix() ? "Prefix" : "");
    } else if (condition instanceof GeoRadius<?> g) {
      return g.field().path() + ":radius";
    } else if (condition instanceof GeoBox<?> g) {
      return g.field().path() + ":box";
    } else if (condition instanceof NullCheck<?> n) {
      return n.field().path() + (n.isNull() ? ":null" : ":notNull");
    }
    throw new IllegalArgumentException("no shape for " + condition.getClass().getName());
  }

  private static String joined(List<? extends Condition<?>> operands, String separator) {
    List<String> shapes = new ArrayList<>(operands.size());
    for (Condition<?> operand : operands) {
      shapes.add(nested(operand));
    }
    shapes.sort(null);
    return String.join(separator, shapes);
  }

  /** A compound operand in parentheses, so {@code a AND (b OR c)} and {@code (a AND b) OR c} differ. */
  private static String nested(Condition<?> condition) {
    String shape = of(condition);
    return condition instanceof And<?> || condition instanceof Or<?> ? "(" + shape + ")" : shape;
  }
}
