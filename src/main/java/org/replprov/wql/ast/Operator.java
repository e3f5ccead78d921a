package org.replprov.wql.ast;

/**
 * The comparison operators of WQL (WMI SDK "WQL Operators"): {@code = <> < > <= >=}; {@code !=} is read as
 * {@code <>}.
 */
public enum Operator {
    EQUAL("="),
    NOT_EQUAL("<>"),
    LESS("<"),
    GREATER(">"),
    LESS_OR_EQUAL("<="),
    GREATER_OR_EQUAL(">=");

    private final String symbol;

    Operator(String symbol) {
        this.symbol = symbol;
    }

    public String symbol() {
        return symbol;
    }

    /** True for {@code =} and {@code <>}, the only operators booleans and references accept. */
    public boolean isEquality() {
        return this == EQUAL || this == NOT_EQUAL;
    }

    /** The operator that holds exactly when this one does not ({@code <} becomes {@code >=}). */
    public Operator negate() {
        return switch (this) {
            case EQUAL -> NOT_EQUAL;
            case NOT_EQUAL -> EQUAL;
            case LESS -> GREATER_OR_EQUAL;
            case GREATER -> LESS_OR_EQUAL;
            case LESS_OR_EQUAL -> GREATER;
            case GREATER_OR_EQUAL -> LESS;
        };
    }

    /** The operator with its operands swapped: {@code 3 < State} is {@code State > 3}. */
    public Operator swap() {
        return switch (this) {
            case EQUAL, NOT_EQUAL -> this;
            case LESS -> GREATER;
            case GREATER -> LESS;
            case LESS_OR_EQUAL -> GREATER_OR_EQUAL;
            case GREATER_OR_EQUAL -> LESS_OR_EQUAL;
        };
    }

    /** Whether the operator holds for a comparison result ({@code compare(property, constant)}: <0, 0, >0). */
    public boolean holds(int comparison) {
        return switch (this) {
            case EQUAL -> comparison == 0;
            case NOT_EQUAL -> comparison != 0;
            case LESS -> comparison < 0;
            case GREATER -> comparison > 0;
            case LESS_OR_EQUAL -> comparison <= 0;
            case GREATER_OR_EQUAL -> comparison >= 0;
        };
    }
}
