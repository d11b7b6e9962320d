package io.payonce.web.store;

import org.springframework.context.annotation.Configuration;
import org.springframework.core.Ordered;
import org.springframework.web.servlet.config.annotation.InterceptorRegistry;
import org.springframework.web.servlet.config.annotation.WebMvcConfigurer;

/** Puts the captcha gate on order creation, after the access check (which runs first, at the default order 0). */
@Configuration(proxyBeanMethods = false)
class StoreWebConfig implements WebMvcConfigurer {

    /** Order creation: the one path the captcha gate holds (it lets every method but POST through). */
    static final String GATED_PATH = "/v1/orders";

    private final CaptchaGate captchaGate;

    StoreWebConfig(CaptchaGate captchaGate) {
        this.captchaGate = captchaGate;
    }

    @Override
    public void addInterceptors(InterceptorRegistry registry) {
        registry.addInterceptor(captchaGate).addPathPatterns(GATED_PATH).order(Ordered.LOWEST_PRECEDENCE);
    }
}
