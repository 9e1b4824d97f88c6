package dev.rekord.internal.engine.portable;

/**
 * The nodes of a query plan as {@code query.lua} reads them, in prefix notation: the op's code,
 * its {@link #arity()} arguments ({@code key} is a position in {@code KEYS}), then, for {@link
 * #AND}, {@link #OR} and {@link #NOT}, its operands. {@link QueryPlan} writes them; {@link
 * EngineScripts} generates the Lua constants {@code PLAN} from this enum.
 */
enum PlanOp implements ProtocolCode {
  /** Every id of the bucket. */
  ALL(0, ""),
  /** The ids of a sorted set of ids (score 0). */
  SET(1, "key"),
  /** The ids of one value of a lexicographic index: its members {@code value\0id}. */
  VALUE(2, "key value"),
  /** The ids whose score lies in a range (Redis bounds: {@code (} for open, {@code -inf}, {@code +inf}). */
  RANGE(3, "key min max"),
  /** The ids of the values of a lexicographic index that start with a prefix. */
  PREFIX(2, "key prefix"),
  /** The ids of a GEO set within a radius. */
  RADIUS(4, "key longitude latitude meters"),
  /** The ids of a GEO set within a radius that lie in a box (searched as the circle around it). */
  BOX(8, "key longitude latitude meters west south east north"),
  /** The ids every operand holds; {@code n} operands follow. */
  AND(1, "n"),
  /** The ids any operand holds; {@code n} operands follow. */
  OR(1, "n"),
  /** Every id the one operand that follows does not hold. */
  NOT(0, "");

  private final int arity;
  private final String arguments;

  PlanOp(int arity, String arguments) {
    this.arity = arity;
    this.arguments = arguments;
  }

  /** How many arguments follow the op's code (before any operands). */
  int arity() {
    return arity;
  }

  /** The arguments' names, as {@code query_plan.lua} reads them. */
  String arguments() {
    return arguments;
  }
}
