package io.payonce.web.store;

import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;

import io.github.bucket4j.Bucket;
import io.payonce.access.Caller;
import io.payonce.captcha.Captchas;
import io.payonce.web.ApiException;
import io.payonce.web.ErrorCode;
import io.payonce.web.IdempotentResponses;
import io.payonce.web.access.RequestAccess;
import org.springframework.stereotype.Component;
import org.springframework.web.servlet.HandlerInterceptor;

/**
 * Holds {@code POST /v1/orders} from buyer sessions to the address's free orders
 * ({@link io.payonce.captcha.CaptchaSettings}); past them each order needs a solved challenge, sent
 * as {@code X-Captcha-Token} and {@code X-Captcha-Answer}. Merchant keys and the admin token are
 * never asked: a backend is not a bot at a storefront. Runs after the access check, which names
 * the caller.
 *
 * <p>A free order is taken from the address's bucket before the order runs and given back when no
 * new order came of it (a refusal, or a replay of the same Idempotency-Key), so a double click or
 * a reload does not spend a second one, and concurrent requests cannot all see "one left".
 */
@Component
class CaptchaGate implements HandlerInterceptor {

    static final String TOKEN_HEADER = "X-Captcha-Token";
    static final String ANSWER_HEADER = "X-Captcha-Answer";
    private static final String TAKEN = CaptchaGate.class.getName() + ".taken";

    private final StoreLimits limits;
    private final Captchas captchas;

    CaptchaGate(StoreLimits limits, Captchas captchas) {
        this.limits = limits;
        this.captchas = captchas;
    }

    @Override
    public boolean preHandle(HttpServletRequest request, HttpServletResponse response, Object handler) {
        if (!limits.captchaEnabled() || !"POST".equals(request.getMethod())
                || !(RequestAccess.caller(request) instanceof Caller.Buyer)) {
            return true;
        }
        Bucket bucket = limits.freeOrders().forClient(request.getRemoteAddr());
        if (bucket.tryConsume(1)) {
            request.setAttribute(TAKEN, bucket);
            return true;
        }
        String token = request.getHeader(TOKEN_HEADER);
        if (token == null) {
            throw new ApiException(ErrorCode.CAPTCHA_REQUIRED, "Many orders came from this address lately: solve the challenge of "
                    + "POST /v1/store/captcha-challenges and send it as X-Captcha-Token and X-Captcha-Answer");
        }
        if (!captchas.redeem(token, request.getHeader(ANSWER_HEADER))) {
            throw new ApiException(ErrorCode.CAPTCHA_WRONG, "The answer is wrong, or the challenge expired or was used: ask for a new one");
        }
        return true;
    }

    @Override
    public void afterCompletion(HttpServletRequest request, HttpServletResponse response, Object handler, Exception ex) {
        if (request.getAttribute(TAKEN) instanceof Bucket bucket
                && (response.getStatus() != 201 || "true".equals(response.getHeader(IdempotentResponses.REPLAYED_HEADER)))) {
            bucket.addTokens(1);
        }
    }
}
