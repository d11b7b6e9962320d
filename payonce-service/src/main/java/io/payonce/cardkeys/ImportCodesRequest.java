package io.payonce.cardkeys;

import java.util.List;

import io.payonce.common.Refusal;

/** The body of {@code POST /v1/admin/products/{sku}/card-keys}. Problems name a code by index, never by value. */
public record ImportCodesRequest(List<String> codes) {

    /** Longer than any real license code (they run 16 to 64 characters), short enough to bound a batch to a few MB. */
    static final int CODE_LENGTH_MAX = 256;

    /** The codes as sent, or a refusal naming the first problem; nothing is stored for a refused batch. */
    public List<String> validCodes(int batchMax) {
        if (codes == null || codes.isEmpty() || codes.size() > batchMax) {
            throw invalid("codes must be a list of 1 to " + batchMax + " codes");
        }
        for (int i = 0; i < codes.size(); i++) {
            String problem = problemOf(codes.get(i));
            if (problem != null) {
                throw invalid("codes[" + i + "] " + problem);
            }
        }
        return codes;
    }

    private static String problemOf(String code) {
        if (code == null || code.isEmpty()) {
            return "is empty";
        }
        if (code.codePointCount(0, code.length()) > CODE_LENGTH_MAX) {
            return "is longer than " + CODE_LENGTH_MAX + " characters";
        }
        // NUL cannot be stored, and a lone surrogate would be encoded as '?', making distinct codes collide.
        boolean unprintable = code.codePoints().anyMatch(c -> Character.isISOControl(c) || Character.isSurrogate((char) c));
        return unprintable ? "contains a control character or an unpaired surrogate" : null;
    }

    private static Refusal invalid(String detail) {
        return new Refusal(Refusal.Reason.INVALID_REQUEST, detail);
    }
}
