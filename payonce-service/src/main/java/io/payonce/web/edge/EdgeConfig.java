package io.payonce.web.edge;

import org.apache.catalina.core.StandardHost;
import org.springframework.boot.jackson.autoconfigure.JsonMapperBuilderCustomizer;
import org.springframework.boot.tomcat.servlet.TomcatServletWebServerFactory;
import org.springframework.boot.web.server.WebServerFactoryCustomizer;
import org.springframework.boot.web.servlet.FilterRegistrationBean;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.core.Ordered;
import tools.jackson.databind.cfg.CoercionAction;
import tools.jackson.databind.cfg.CoercionInputShape;
import tools.jackson.databind.type.LogicalType;

/** What every request meets at the edge, before any controller: decoding, caching and JSON typing rules. */
@Configuration(proxyBeanMethods = false)
class EdgeConfig {

    /** Tomcat's own error page (HTML, for requests it refuses before any filter) becomes JSON. */
    @Bean
    WebServerFactoryCustomizer<TomcatServletWebServerFactory> jsonContainerErrors() {
        return factory -> factory.addContextCustomizers(context -> {
            if (context.getParent() instanceof StandardHost host) {
                host.setErrorReportValveClass(ProblemErrorReportValve.class.getName());
            }
        });
    }

    /** After the membership envelope guard (+40) and the rate limit (+50): a flood of bad requests is limited first. */
    @Bean
    FilterRegistrationBean<MalformedEncodingFilter> malformedEncodingFilter() {
        FilterRegistrationBean<MalformedEncodingFilter> registration = new FilterRegistrationBean<>(new MalformedEncodingFilter());
        registration.addUrlPatterns("/*");
        registration.setOrder(Ordered.HIGHEST_PRECEDENCE + 60);
        return registration;
    }

    @Bean
    FilterRegistrationBean<NoStoreFilter> noStoreFilter() {
        FilterRegistrationBean<NoStoreFilter> registration = new FilterRegistrationBean<>(new NoStoreFilter());
        registration.addUrlPatterns(NoStoreFilter.PATHS);
        // First of all, so that even a refusal by a later filter (a 429, a 413) is not stored.
        registration.setOrder(Ordered.HIGHEST_PRECEDENCE);
        return registration;
    }

    /**
     * JSON numbers must be numbers: {@code "quantity":"1"} and {@code "price":"1999"} are refused
     * as the wrong type instead of being read as 1 and 1999, and, the other way round, a number or
     * boolean where a string belongs ({@code "channel":7}) is refused too. A client that sends the
     * wrong type has a bug that would otherwise hide until a value does not convert; and the
     * idempotency fingerprint would take {@code "1"} and {@code 1} for two different requests that
     * do the same. Applies to every body read with Spring's mapper, including {@code JsonBodies}.
     * The signed membership API reads its body itself and keeps its documented "number or
     * string" fields.
     */
    @Bean
    JsonMapperBuilderCustomizer numbersMustBeNumbers() {
        return builder -> {
            for (LogicalType type : new LogicalType[] {LogicalType.Integer, LogicalType.Float, LogicalType.Boolean}) {
                builder.withCoercionConfig(type, config -> config
                        .setCoercion(CoercionInputShape.String, CoercionAction.Fail)
                        .setCoercion(CoercionInputShape.EmptyString, CoercionAction.Fail));
            }
            builder.withCoercionConfig(LogicalType.Textual, config -> config
                    .setCoercion(CoercionInputShape.Integer, CoercionAction.Fail)
                    .setCoercion(CoercionInputShape.Float, CoercionAction.Fail)
                    .setCoercion(CoercionInputShape.Boolean, CoercionAction.Fail));
        };
    }
}
