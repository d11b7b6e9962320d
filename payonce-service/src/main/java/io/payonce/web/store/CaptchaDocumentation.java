package io.payonce.web.store;

import java.util.Set;

import io.payonce.web.ErrorCode;

/** What the captcha gate adds to an endpoint's refusals, for the API description (as AccessDocumentation does for access). */
public final class CaptchaDocumentation {

    private CaptchaDocumentation() {
    }

    /** The gate's refusals of a route ({@code POST /v1/orders}), none for any other. */
    public static Set<ErrorCode> refusals(String method, String path) {
        return "POST".equals(method) && StoreWebConfig.GATED_PATH.equals(path)
                ? Set.of(ErrorCode.CAPTCHA_REQUIRED, ErrorCode.CAPTCHA_WRONG)
                : Set.of();
    }
}
