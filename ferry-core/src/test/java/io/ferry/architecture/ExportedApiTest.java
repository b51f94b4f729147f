package io.ferry.architecture;

import static org.junit.jupiter.api.Assertions.assertEquals;
import com.tngtech.archunit.core.domain.JavaClass;
import com.tngtech.archunit.core.importer.ClassFileImporter;
import com.tngtech.archunit.core.importer.ImportOption;
import io.ferry.Ferry;
import java.io.IOException;
import java.io.InputStream;
import java.lang.module.ModuleDescriptor;
import java.lang.reflect.Constructor;
import java.lang.reflect.Executable;
import java.lang.reflect.Field;
import java.lang.reflect.GenericArrayType;
import java.lang.reflect.Member;
import java.lang.reflect.Method;
import java.lang.reflect.Modifier;
import java.lang.reflect.ParameterizedType;
import java.lang.reflect.Type;
import java.lang.reflect.TypeVariable;
import java.lang.reflect.WildcardType;
import java.net.URISyntaxException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;
import java.util.TreeSet;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;

/**
 * The API boundary, checked on the compiled classes: everything a user can reach from an exported package (the
 * supertypes, and the types in the signatures of public and protected members, type arguments included) is JDK or
 * exported too, so no internal type leaks through a return type, a parameter, an exception or a supertype.
 */
class ExportedApiTest {
    @Test
    void shouldReachOnlyExportedOrJdkTypesFromTheExportedApi() throws IOException {
        Set<String> exported = exportedPackages();
        Set<String> leaks = new TreeSet<>();
        for (Class<?> type : exportedTypes(exported)) {
            for (Type supertype : supertypes(type)) {
                check(type.getName() + " extends/implements", supertype, exported, leaks);
            }
            for (Field f : type.getDeclaredFields()) {
                if (visible(f)) {
                    check(where(f), f.getGenericType(), exported, leaks);
                }
            }
            for (Method m : type.getDeclaredMethods()) {
                if (visible(m) && !m.isSynthetic()) {
                    check(where(m), m.getGenericReturnType(), exported, leaks);
                    checkSignature(m, exported, leaks);
                }
            }
            for (Constructor<?> c : type.getDeclaredConstructors()) {
                if (visible(c) && !c.isSynthetic()) {
                    checkSignature(c, exported, leaks);
                }
            }
        }
        assertEquals(Set.of(), leaks, "internal types reachable from the exported API");
    }

    // Internal plumbing in an exported package is API too (Chunk, BufferPool.lend, ...): a new public type in an
    // exported package must be added to exported-types.txt on purpose, where a reviewer sees it.
    @Test
    void shouldExportOnlyTheApprovedTypes() throws IOException {
        Set<String> actual = exportedTypes(exportedPackages()).stream().map(Class::getName)
            .collect(Collectors.toCollection(TreeSet::new));
        Set<String> approved;
        try (InputStream in = ExportedApiTest.class.getResourceAsStream("exported-types.txt")) {
            approved = new String(in.readAllBytes(), StandardCharsets.UTF_8).lines()
                .filter(l -> !l.isBlank() && !l.startsWith("#"))
                .collect(Collectors.toCollection(TreeSet::new));
        }
        assertEquals(approved, actual, "public types of the exported packages (update exported-types.txt on purpose)");
    }

    @Test
    void shouldExportOnlyTheApiPackages() throws IOException {
        assertEquals(Set.of("io.ferry", "io.ferry.backend", "io.ferry.buffer", "io.ferry.file", "io.ferry.loop",
            "io.ferry.net", "io.ferry.net.blocking", "io.ferry.net.tls"), exportedPackages());
    }

    /** The unqualified exports of ferry-core's module descriptor, read beside its classes. */
    private static Set<String> exportedPackages() throws IOException {
        Path classes;
        try {
            classes = Path.of(Ferry.class.getProtectionDomain().getCodeSource().getLocation().toURI());
        } catch (URISyntaxException e) {
            throw new IOException(e);
        }
        try (InputStream in = Files.newInputStream(classes.resolve("module-info.class"))) {
            return ModuleDescriptor.read(in).exports().stream()
                .filter(e -> !e.isQualified())
                .map(ModuleDescriptor.Exports::source)
                .collect(Collectors.toCollection(TreeSet::new));
        }
    }

    /** Public types, nested ones included when every enclosing type is public too. */
    private static Set<Class<?>> exportedTypes(Set<String> exported) {
        Set<Class<?>> types = new LinkedHashSet<>();
        for (JavaClass c : new ClassFileImporter().withImportOption(ImportOption.Predefined.DO_NOT_INCLUDE_TESTS)
            .importPackages("io.ferry")) {
            if (exported.contains(c.getPackageName())) {
                Class<?> type = c.reflect();
                if (reachable(type)) {
                    types.add(type);
                }
            }
        }
        return types;
    }

    private static boolean reachable(Class<?> type) {
        for (Class<?> t = type; t != null; t = t.getEnclosingClass()) {
            if (!Modifier.isPublic(t.getModifiers()) || t.isAnonymousClass() || t.isLocalClass()) {
                return false;
            }
        }
        return true;
    }

    private static Set<Type> supertypes(Class<?> type) {
        Set<Type> all = new LinkedHashSet<>(List.of(type.getGenericInterfaces()));
        if (type.getGenericSuperclass() != null) {
            all.add(type.getGenericSuperclass());
        }
        return all;
    }

    /** Public members, and protected ones of classes a user can extend. */
    private static boolean visible(Member m) {
        int mod = m.getModifiers();
        return Modifier.isPublic(mod)
            || Modifier.isProtected(mod) && !Modifier.isFinal(m.getDeclaringClass().getModifiers());
    }

    private static void checkSignature(Executable e, Set<String> exported, Set<String> leaks) {
        for (Type p : e.getGenericParameterTypes()) {
            check(where(e), p, exported, leaks);
        }
        for (Type x : e.getGenericExceptionTypes()) {
            check(where(e) + " throws", x, exported, leaks);
        }
    }

    private static String where(Member m) {
        return m.getDeclaringClass().getName() + "." + m.getName();
    }

    private static void check(String where, Type t, Set<String> exported, Set<String> leaks) {
        switch (t) {
            case Class<?> c when c.isArray() -> check(where, c.getComponentType(), exported, leaks);
            case Class<?> c when c.isPrimitive() -> { }
            case Class<?> c -> {
                String pkg = c.getPackageName();
                // javax.net.ssl: the JDK's TLS types (SSLContext in, SSLSession out) are API of io.ferry.net.tls
                if (!pkg.startsWith("java.") && !pkg.equals("javax.net.ssl") && !exported.contains(pkg)) {
                    leaks.add(where + " -> " + c.getName());
                }
            }
            case ParameterizedType p -> {
                check(where, p.getRawType(), exported, leaks);
                for (Type a : p.getActualTypeArguments()) {
                    check(where, a, exported, leaks);
                }
            }
            case GenericArrayType g -> check(where, g.getGenericComponentType(), exported, leaks);
            case WildcardType w -> {
                for (Type b : w.getUpperBounds()) {
                    check(where, b, exported, leaks);
                }
                for (Type b : w.getLowerBounds()) {
                    check(where, b, exported, leaks);
                }
            }
            case TypeVariable<?> v -> { } // its bounds are checked where it is declared
            default -> leaks.add(where + " -> unknown kind of type " + t);
        }
    }
}
