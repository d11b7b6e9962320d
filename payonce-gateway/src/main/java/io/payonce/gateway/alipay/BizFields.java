package io.payonce.gateway.alipay;

import java.util.Map;
import java.util.regex.Pattern;

import io.payonce.gateway.alipay.AlipayMethod.AlipayFailure;
import io.payonce.gateway.book.SandboxBook;

/** Reading and checking {@code biz_content} fields as Alipay does, and its names for the book's refusals. */
final class BizFields {

    static final String CHANNEL = "alipay";
    static final String INVALID_PARAMETER = "ACQ.INVALID_PARAMETER";
    /** out_trade_no and out_request_no: at most 64 letters, digits, '_', '-' or '.'. */
    private static final Pattern MERCHANT_NO = Pattern.compile("^[A-Za-z0-9_.-]{1,64}$");

    private BizFields() {
    }

    static String merchantNo(Map<String, Object> biz, String name) throws AlipayFailure {
        if (!(biz.get(name) instanceof String value) || !MERCHANT_NO.matcher(value).matches()) {
            throw new AlipayFailure(INVALID_PARAMETER, name + " must be 1 to 64 letters, digits, '_', '-' or '.'");
        }
        return value;
    }

    static long amount(Map<String, Object> biz, String name) throws AlipayFailure {
        return Yuan.fen(biz.get(name)).orElseThrow(() -> new AlipayFailure(INVALID_PARAMETER,
                name + " must be yuan from 0.01 to 100000000.00 with at most 2 decimals"));
    }

    static String text(Map<String, Object> biz, String name, int lengthMax) throws AlipayFailure {
        if (!(biz.get(name) instanceof String value) || value.isBlank() || value.length() > lengthMax) {
            throw new AlipayFailure(INVALID_PARAMETER, name + " is required, at most " + lengthMax + " characters");
        }
        return value;
    }

    /** The book's refusal under Alipay's sub_code for it ({@code closedCode} differs between precreate and refund). */
    static AlipayFailure refusal(SandboxBook.Reason reason, String message, String closedCode, String declinedCode) {
        String subCode = switch (reason) {
            case INVALID_PARAMETER -> INVALID_PARAMETER;
            case TRADE_NOT_FOUND -> "ACQ.TRADE_NOT_EXIST";
            case TRADE_CLOSED -> closedCode;
            case TRADE_NOT_PAID -> "ACQ.TRADE_STATUS_ERROR";
            case AMOUNT_MISMATCH -> "ACQ.CONTEXT_INCONSISTENT";
            case REFUND_EXCEEDS_PAID -> "ACQ.REFUND_AMT_NOT_EQUAL_TOTAL";
            case REFUND_NO_REUSED -> "ACQ.DISCORDANT_REPEAT_REQUEST";
            case DECLINED_BY_FAULT_SWITCH -> declinedCode;
            case SYSTEM_ERROR -> "ACQ.SYSTEM_ERROR";
        };
        return new AlipayFailure(subCode, message == null ? reason.name() : message);
    }

    /** A buyer's masked login, as Alipay shows it to merchants. */
    static String buyerLogonId() {
        return "sa***@sandbox.payonce";
    }
}
