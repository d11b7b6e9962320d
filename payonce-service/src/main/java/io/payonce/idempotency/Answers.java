package io.payonce.idempotency;

import io.payonce.common.Refusal;

/**
 * How an operation's outcomes are written down for the caller, byte for byte as they will be
 * replayed. The web edge supplies it, so no domain code knows a status or a media type.
 */
public interface Answers<R> {

    StoredResponse success(R result);

    StoredResponse refused(Refusal refusal);
}
