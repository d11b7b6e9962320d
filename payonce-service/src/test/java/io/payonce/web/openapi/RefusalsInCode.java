package io.payonce.web.openapi;

import java.lang.reflect.Method;
import java.util.EnumSet;
import java.util.Set;

import com.tngtech.archunit.core.domain.JavaClass;
import com.tngtech.archunit.core.domain.JavaClasses;
import com.tngtech.archunit.core.domain.JavaCodeUnit;
import com.tngtech.archunit.core.importer.ClassFileImporter;
import com.tngtech.archunit.core.importer.ImportOption;
import io.payonce.common.Refusal;
import io.payonce.web.ErrorCode;

/**
 * Reads the bytecode for the refusals a piece of code names: the {@link ErrorCode} constants a
 * controller method (and its lambdas) uses, and the {@link Refusal.Reason} constants an idempotent
 * operation's methods use. The static initializer is left out: that is where an operation lists
 * its final refusals, which says what is stored, not what is thrown.
 */
final class RefusalsInCode {

    private static final JavaClasses PAYONCE = new ClassFileImporter()
            .withImportOption(ImportOption.Predefined.DO_NOT_INCLUDE_TESTS)
            .importPackages("io.payonce");

    private RefusalsInCode() {
    }

    static Set<ErrorCode> errorCodesNamedBy(Method method) {
        JavaClass owner = PAYONCE.get(method.getDeclaringClass());
        Set<ErrorCode> codes = EnumSet.noneOf(ErrorCode.class);
        owner.getCodeUnits().stream()
                .filter(unit -> unit.getName().equals(method.getName()) || unit.getName().startsWith("lambda$" + method.getName() + "$"))
                .forEach(unit -> constants(unit, ErrorCode.class).forEach(name -> codes.add(ErrorCode.valueOf(name))));
        return codes;
    }

    static Set<Refusal.Reason> reasonsNamedBy(Class<?> operation) {
        Set<Refusal.Reason> reasons = EnumSet.noneOf(Refusal.Reason.class);
        PAYONCE.get(operation).getCodeUnits().stream()
                .filter(unit -> !unit.getName().equals("<clinit>"))
                .forEach(unit -> constants(unit, Refusal.Reason.class).forEach(name -> reasons.add(Refusal.Reason.valueOf(name))));
        return reasons;
    }

    private static java.util.stream.Stream<String> constants(JavaCodeUnit unit, Class<? extends Enum<?>> type) {
        return unit.getFieldAccesses().stream()
                .filter(access -> access.getTargetOwner().isEquivalentTo(type))
                .map(access -> access.getTarget().getName())
                .filter(name -> java.util.Arrays.stream(type.getEnumConstants()).anyMatch(constant -> constant.name().equals(name)));
    }
}
