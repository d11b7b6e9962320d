package io.payonce.support;

import com.tngtech.archunit.core.importer.ImportOption;
import com.tngtech.archunit.core.importer.Location;

/**
 * The service's own classes for architecture rules: not the sandbox gateway's
 * ({@code io.payonce.gateway}), another application that the service's tests load beside it.
 */
public final class ServiceClassesOnly implements ImportOption {

    @Override
    public boolean includes(Location location) {
        return !location.contains("/io/payonce/gateway/");
    }
}
