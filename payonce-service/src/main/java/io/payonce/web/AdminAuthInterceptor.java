package io.payonce.web;

import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import org.springframework.http.HttpHeaders;
import org.springframework.stereotype.Component;
import org.springframework.web.servlet.HandlerInterceptor;

/** Refuses admin endpoints without the admin bearer token. */
@Component
class AdminAuthInterceptor implements HandlerInterceptor {

    private final AdminToken adminToken;

    AdminAuthInterceptor(AdminToken adminToken) {
        this.adminToken = adminToken;
    }

    @Override
    public boolean preHandle(HttpServletRequest request, HttpServletResponse response, Object handler) {
        if (!adminToken.matches(request.getHeader(HttpHeaders.AUTHORIZATION))) {
            throw new ApiException(ErrorCode.UNAUTHORIZED, "Send the admin token as 'Authorization: Bearer <token>'");
        }
        return true;
    }
}
