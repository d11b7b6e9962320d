package io.payonce.web.membership;

import org.springframework.boot.web.servlet.FilterRegistrationBean;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.core.Ordered;

/** Puts {@link MemberApiGuardFilter} around everything else on /api/member/**, the rate limit included. */
@Configuration(proxyBeanMethods = false)
class MemberApiWebConfig {

    @Bean
    FilterRegistrationBean<MemberApiGuardFilter> memberApiGuardFilter() {
        FilterRegistrationBean<MemberApiGuardFilter> registration = new FilterRegistrationBean<>(new MemberApiGuardFilter());
        registration.addUrlPatterns("/api/member/*");
        registration.setOrder(Ordered.HIGHEST_PRECEDENCE + 40);
        return registration;
    }
}
