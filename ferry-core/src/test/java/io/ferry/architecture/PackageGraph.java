package io.ferry.architecture;

import com.tngtech.archunit.core.domain.Dependency;
import com.tngtech.archunit.core.domain.JavaClass;
import com.tngtech.archunit.core.domain.JavaClasses;
import com.tngtech.archunit.core.importer.ClassFileImporter;
import com.tngtech.archunit.core.importer.ImportOption;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;

/**
 * The runtime's package dependency graph, read from its compiled classes (ArchUnit), with its strongly
 * connected components: a component of more than one package is a cycle.
 */
final class PackageGraph {
    private static final String ROOT = "io.ferry";
    final Map<String, Set<String>> edges = new TreeMap<>();
    final Map<String, Integer> publicTypes = new TreeMap<>();

    private PackageGraph() {
    }

    static PackageGraph ofProductionCode() {
        JavaClasses classes = new ClassFileImporter().withImportOption(ImportOption.Predefined.DO_NOT_INCLUDE_TESTS)
            .importPackages(ROOT);
        PackageGraph g = new PackageGraph();
        for (JavaClass c : classes) {
            String from = c.getPackageName();
            g.edges.computeIfAbsent(from, k -> new TreeSet<>());
            if (c.getModifiers().contains(com.tngtech.archunit.core.domain.JavaModifier.PUBLIC)
                && c.getEnclosingClass().isEmpty()) {
                g.publicTypes.merge(from, 1, Integer::sum);
            }
            for (Dependency d : c.getDirectDependenciesFromSelf()) {
                String to = d.getTargetClass().getBaseComponentType().getPackageName();
                if (to.startsWith(ROOT) && !to.equals(from)) {
                    g.edges.get(from).add(to);
                }
            }
        }
        return g;
    }

    /** Components of two or more packages that depend on each other, each sorted; Tarjan's algorithm. */
    List<Set<String>> cycles() {
        Map<String, Integer> index = new HashMap<>();
        Map<String, Integer> low = new HashMap<>();
        Deque<String> stack = new ArrayDeque<>();
        Set<String> onStack = new TreeSet<>();
        List<Set<String>> found = new ArrayList<>();
        int[] counter = {0};
        for (String v : edges.keySet()) {
            if (!index.containsKey(v)) {
                connect(v, index, low, stack, onStack, found, counter);
            }
        }
        return found;
    }

    private void connect(String v, Map<String, Integer> index, Map<String, Integer> low, Deque<String> stack,
                         Set<String> onStack, List<Set<String>> found, int[] counter) {
        index.put(v, counter[0]);
        low.put(v, counter[0]++);
        stack.push(v);
        onStack.add(v);
        for (String w : edges.getOrDefault(v, Set.of())) {
            if (!index.containsKey(w)) {
                connect(w, index, low, stack, onStack, found, counter);
                low.put(v, Math.min(low.get(v), low.get(w)));
            } else if (onStack.contains(w)) {
                low.put(v, Math.min(low.get(v), index.get(w)));
            }
        }
        if (low.get(v).equals(index.get(v))) {
            Set<String> component = new TreeSet<>();
            String w;
            do {
                w = stack.pop();
                onStack.remove(w);
                component.add(w);
            } while (!w.equals(v));
            if (component.size() > 1) {
                found.add(component);
            }
        }
    }

    /** One line per package: its public top-level types and what it depends on. */
    String describe() {
        StringBuilder s = new StringBuilder();
        edges.forEach((p, to) -> s.append(p).append(" (").append(publicTypes.getOrDefault(p, 0))
            .append(" public) -> ").append(to).append('\n'));
        return s.toString();
    }
}
