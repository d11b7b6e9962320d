package io.payonce.bench.scenarios;

import io.payonce.bench.load.Session;

/**
 * The original VIP stress test: signed createOrRenewMember calls with unique order numbers (from
 * the run's sequence, never random), cycling through a pool of existing users. Days vary with the
 * sequence (1 to 30), so a renewal applied to the wrong user or twice shows in the expiry sums.
 */
final class MemberRenew implements Scenario {

    private final Members members;
    private final int presignCount;

    MemberRenew(ScenarioContext context) {
        this.members = new Members(context, new Shop(context));
        this.presignCount = context.options().presign();
    }

    @Override
    public String name() {
        return "member-renew";
    }

    @Override
    public void prepare() throws Exception {
        members.prepare();
        members.presign(presignCount, sequence -> true);
    }

    @Override
    public void iterate(Session session) {
        members.renew(session);
    }

    static int daysFor(long sequence) {
        return Members.daysFor(sequence);
    }
}
