package io.payonce.membership;

/** What applying one order's grant did. */
public sealed interface GrantResult {

    MemberGrant grant();

    /** The first grant of a new member. */
    record Created(MemberGrant grant) implements GrantResult {
    }

    /** An existing membership extended. */
    record Renewed(MemberGrant grant) implements GrantResult {
    }

    /** The order had been applied before: its stored answer, nothing added. */
    record Replayed(MemberGrant grant) implements GrantResult {
    }

    default String tag() {
        return switch (this) {
            case Created c -> "created";
            case Renewed r -> "renewed";
            case Replayed r -> "replayed";
        };
    }
}
