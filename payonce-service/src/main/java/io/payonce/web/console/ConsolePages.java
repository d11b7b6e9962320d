package io.payonce.web.console;

import jakarta.servlet.http.HttpServletRequest;

import io.payonce.access.OwnerSessions;
import io.payonce.web.access.OwnerCookie;
import io.swagger.v3.oas.annotations.Hidden;
import org.springframework.stereotype.Controller;
import org.springframework.web.bind.annotation.GetMapping;

/**
 * The console's pages: static files under {@code static/admin/}, the console itself only for a
 * signed-in owner (anyone else is sent to the login page). The page's data comes from the admin
 * API, which checks the session on every call; this redirect only spares a stranger an empty page.
 */
@Controller
@Hidden
class ConsolePages {

    private final OwnerSessions sessions;

    ConsolePages(OwnerSessions sessions) {
        this.sessions = sessions;
    }

    @GetMapping({"/admin", "/admin/", "/admin/index.html"})
    String console(HttpServletRequest request) {
        String cookie = OwnerCookie.read(request);
        boolean signedIn = cookie != null && sessions.current(cookie).isPresent();
        return signedIn ? "forward:/admin/console.html" : "redirect:/admin/login";
    }

    @GetMapping("/admin/login")
    String login() {
        return "forward:/admin/login.html";
    }
}
