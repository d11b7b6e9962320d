package io.payonce.gateway.book;

/**
 * Thrown by a protocol handler when the book says the answer to a call that was carried out must
 * be lost (the timeout fault). The gateway's web layer answers it by holding the connection past
 * the client's timeout and then dropping it, so the client sees a timeout, never an answer.
 */
public final class AnswerLost extends RuntimeException {

    public AnswerLost(String call) {
        super("answer to " + call + " lost on purpose (timeout fault)", null, false, false);
    }
}
