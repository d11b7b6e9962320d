package io.payonce.web.openapi;

import java.lang.reflect.Method;
import java.util.ArrayDeque;
import java.util.Arrays;
import java.util.Deque;
import java.util.EnumSet;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.stream.Stream;

import com.tngtech.archunit.core.domain.JavaClass;
import com.tngtech.archunit.core.domain.JavaClasses;
import com.tngtech.archunit.core.domain.JavaCodeUnit;
import com.tngtech.archunit.core.domain.JavaMethod;
import com.tngtech.archunit.core.importer.ClassFileImporter;
import com.tngtech.archunit.core.importer.ImportOption;
import io.payonce.common.Refusal;
import io.payonce.web.ErrorCode;

/**
 * Reads the bytecode for the refusals a piece of code names, two ways.
 *
 * <p>Directly: the {@link ErrorCode} constants a controller method (and its lambdas) uses, and the
 * {@link Refusal.Reason} constants an idempotent operation's methods use. The static initializer
 * is left out: that is where an operation lists its final refusals, which says what is stored,
 * not what is thrown. What these name, the endpoint can answer.
 *
 * <p>Transitively: every code reachable from a controller method through payonce's own calls
 * (an interface call reaches every implementation). That over-approximates what the endpoint can
 * answer, so a documented code outside it is one the endpoint can never answer.
 */
final class RefusalsInCode {

    private static final JavaClasses PAYONCE = new ClassFileImporter()
            .withImportOption(ImportOption.Predefined.DO_NOT_INCLUDE_TESTS)
            .importPackages("io.payonce");
    private static final String STATIC_INITIALIZER = "<clinit>";
    private static final Map<JavaMethod, List<JavaCodeUnit>> IMPLEMENTATIONS = new ConcurrentHashMap<>();
    private static final Map<String, List<JavaCodeUnit>> LAMBDAS = new ConcurrentHashMap<>();

    private RefusalsInCode() {
    }

    static Set<ErrorCode> errorCodesNamedBy(Method method) {
        Set<ErrorCode> codes = EnumSet.noneOf(ErrorCode.class);
        withLambdas(PAYONCE.get(method.getDeclaringClass()), method.getName())
                .forEach(unit -> constants(unit, ErrorCode.class).forEach(name -> codes.add(ErrorCode.valueOf(name))));
        return codes;
    }

    static Set<Refusal.Reason> reasonsNamedBy(Class<?> operation) {
        Set<Refusal.Reason> reasons = EnumSet.noneOf(Refusal.Reason.class);
        PAYONCE.get(operation).getCodeUnits().stream()
                .filter(unit -> !unit.getName().equals(STATIC_INITIALIZER))
                .forEach(unit -> constants(unit, Refusal.Reason.class).forEach(name -> reasons.add(Refusal.Reason.valueOf(name))));
        return reasons;
    }

    /** Every ErrorCode the method could lead to, through any chain of payonce's own calls. */
    static Set<ErrorCode> errorCodesReachableFrom(Method method) {
        Set<ErrorCode> codes = EnumSet.noneOf(ErrorCode.class);
        Set<JavaCodeUnit> seen = new HashSet<>();
        Deque<JavaCodeUnit> next = new ArrayDeque<>();
        withLambdas(PAYONCE.get(method.getDeclaringClass()), method.getName()).forEach(next::add);
        while (!next.isEmpty()) {
            JavaCodeUnit unit = next.pop();
            if (!seen.add(unit)) {
                continue;
            }
            constants(unit, ErrorCode.class).forEach(name -> codes.add(ErrorCode.valueOf(name)));
            constants(unit, Refusal.Reason.class).forEach(name -> codes.add(ErrorCode.of(Refusal.Reason.valueOf(name))));
            callees(unit).forEach(next::add);
        }
        return codes;
    }

    /** The code units a unit calls or refers to, with each implementation of an interface method, and their lambdas. */
    private static Stream<JavaCodeUnit> callees(JavaCodeUnit unit) {
        Stream<JavaCodeUnit> targets = Stream.of(
                        unit.getMethodCallsFromSelf().stream().map(call -> call.getTarget().resolveMember()),
                        unit.getMethodReferencesFromSelf().stream().map(reference -> reference.getTarget().resolveMember()),
                        unit.getConstructorCallsFromSelf().stream().map(call -> call.getTarget().resolveMember()),
                        unit.getConstructorReferencesFromSelf().stream().map(reference -> reference.getTarget().resolveMember()))
                .flatMap(members -> members)
                .flatMap(member -> member.stream().map(JavaCodeUnit.class::cast));
        return targets
                .filter(target -> target.getOwner().getPackageName().startsWith("io.payonce"))
                // ErrorCode.of names every code in its switch: the Reason that reached it is what counts.
                .filter(target -> !target.getOwner().isEquivalentTo(ErrorCode.class))
                .flatMap(target -> Stream.concat(implementations(target), withLambdas(target.getOwner(), target.getName())));
    }

    private static Stream<JavaCodeUnit> implementations(JavaCodeUnit target) {
        if (!(target instanceof JavaMethod method)) {
            return Stream.empty();
        }
        return IMPLEMENTATIONS.computeIfAbsent(method, key -> key.getOwner().getAllSubclasses().stream()
                .flatMap(subclass -> subclass.getMethods().stream())
                .filter(candidate -> candidate.getName().equals(key.getName())
                        && candidate.getRawParameterTypes().equals(key.getRawParameterTypes()))
                .map(JavaCodeUnit.class::cast)
                .toList()).stream();
    }

    /** A method of the class with the lambdas written in it, which javac compiles to methods of their own. */
    private static Stream<JavaCodeUnit> withLambdas(JavaClass owner, String methodName) {
        return LAMBDAS.computeIfAbsent(owner.getName() + "#" + methodName, key -> owner.getCodeUnits().stream()
                .filter(unit -> unit.getName().equals(methodName) || unit.getName().startsWith("lambda$" + methodName + "$"))
                .toList()).stream();
    }

    private static Stream<String> constants(JavaCodeUnit unit, Class<? extends Enum<?>> type) {
        return unit.getFieldAccesses().stream()
                .filter(access -> access.getTargetOwner().isEquivalentTo(type))
                .map(access -> access.getTarget().getName())
                .filter(name -> Arrays.stream(type.getEnumConstants()).anyMatch(constant -> constant.name().equals(name)));
    }
}
