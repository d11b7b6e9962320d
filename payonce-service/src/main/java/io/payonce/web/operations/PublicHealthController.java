package io.payonce.web.operations;

import io.swagger.v3.oas.annotations.Hidden;
import org.springframework.boot.health.actuate.endpoint.HealthDescriptor;
import org.springframework.boot.health.actuate.endpoint.HealthEndpoint;
import org.springframework.boot.health.contributor.Status;
import org.springframework.http.CacheControl;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.RestController;

/**
 * The only actuator answers on the public port: overall health, liveness and readiness, as a
 * status without details (the management port has the rest). A load balancer needs no more, and
 * an outsider learns nothing about the database or the disk.
 */
@Hidden
@RestController
class PublicHealthController {

    /**
     * Serving correctly with a helper missing (Redis: coordination.RedisHealthIndicator). Still 200:
     * the instance can take traffic, and every instance shares that helper, so taking them out
     * of the load balancer would turn a slower service into none.
     */
    private static final String DEGRADED = "DEGRADED";

    private final HealthEndpoint health;

    PublicHealthController(HealthEndpoint health) {
        this.health = health;
    }

    @GetMapping("/actuator/health")
    ResponseEntity<StatusOnly> health() {
        return answer(health.health());
    }

    @GetMapping("/actuator/health/liveness")
    ResponseEntity<StatusOnly> liveness() {
        return answer(health.healthForPath("liveness"));
    }

    @GetMapping("/actuator/health/readiness")
    ResponseEntity<StatusOnly> readiness() {
        return answer(health.healthForPath("readiness"));
    }

    private static ResponseEntity<StatusOnly> answer(HealthDescriptor descriptor) {
        Status status = descriptor == null ? Status.UNKNOWN : descriptor.getStatus();
        return ResponseEntity.status(Status.UP.equals(status) || DEGRADED.equals(status.getCode()) ? 200 : 503).cacheControl(CacheControl.noStore())
                .body(new StatusOnly(status.getCode()));
    }

    /** {@code {"status":"UP"}}. */
    record StatusOnly(String status) {
    }
}
