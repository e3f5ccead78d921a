package org.replprov.wql;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.fail;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;

import org.junit.jupiter.api.DynamicTest;
import org.junit.jupiter.api.TestFactory;
import org.replprov.cim.CimClass;
import org.replprov.cim.CimException;
import org.replprov.cim.CimInstance;
import org.replprov.cim.CimName;
import org.replprov.cim.CimValue;
import org.replprov.repository.ClassRepository;
import org.replprov.testing.Vectors;
import org.replprov.wql.WqlToken.Type;
import org.replprov.wql.ast.AstPrinter;

/**
 * The WQL test vectors, one runner per kind:
 * <ul>
 *   <li>{@code parse/*.wql}: a query, then {@code -- ast: (…)}, the tree {@link AstPrinter} must print;</li>
 *   <li>{@code parse-err/*.wql}: a query, then {@code -- error: WBEM_E_… at column N}, what parsing must throw;</li>
 *   <li>{@code eval/*.wqlt}: {@code instance Class Prop=value …} fixture lines, then {@code query …} lines each
 *       followed by the expected {@code => relative path} lines in order, {@code => (none)}, or
 *       {@code => error WBEM_E_… [at column N]}.</li>
 * </ul>
 * Other lines starting with {@code --} or {@code #} are comments. A query is one line; columns count from 1.
 */
class WqlVectorsTest {

    private static final Pattern ERROR = Pattern.compile("(WBEM_E_\\w+)(?: at column (\\d+))?.*");

    @TestFactory
    Stream<DynamicTest> parse() {
        return cases("wql/parse", ".wql", "-- ast: ").map(c -> DynamicTest.dynamicTest(c.name(), () ->
                assertThat(AstPrinter.print(Wql.parse(c.query()).statement())).isEqualTo(c.expected())));
    }

    @TestFactory
    Stream<DynamicTest> parseErrors() {
        return cases("wql/parse-err", ".wql", "-- error: ").map(c -> DynamicTest.dynamicTest(c.name(),
                () -> assertError(() -> Wql.parse(c.query()), c.expected())));
    }

    @TestFactory
    Stream<DynamicTest> evaluation() {
        ClassRepository repository = TestSchema.repository();
        List<DynamicTest> tests = new ArrayList<>();
        for (Path file : Vectors.files("wql/eval", ".wqlt")) {
            List<CimInstance> instances = new ArrayList<>();
            String query = null;
            int queryLine = 0;
            List<String> expected = new ArrayList<>();
            List<String> lines = Vectors.read(file).lines().toList();
            for (int n = 0; n <= lines.size(); n++) {
                String line = n < lines.size() ? lines.get(n).strip() : "query";
                if (line.startsWith("=> ")) {
                    expected.add(line.substring(3));
                    continue;
                }
                if (line.startsWith("query") && query != null) {
                    String q = query;
                    List<String> want = List.copyOf(expected);
                    List<CimInstance> fixture = instances;
                    tests.add(DynamicTest.dynamicTest(file.getFileName() + ":" + queryLine + " " + q,
                            () -> evaluate(repository, fixture, q, want)));
                    expected.clear();
                }
                if (line.startsWith("instance ")) {
                    instances.add(instance(repository, line.substring("instance ".length())));
                } else if (line.startsWith("query ")) {
                    query = line.substring("query ".length());
                    queryLine = n + 1;
                } else if (!line.isEmpty() && !line.startsWith("#") && !line.startsWith("--") && n < lines.size()) {
                    fail(file.getFileName() + ":" + (n + 1) + ": cannot read '" + line + "'");
                }
            }
        }
        return tests.stream();
    }

    private static void evaluate(ClassRepository repository, List<CimInstance> instances, String query,
                                 List<String> expected) {
        if (expected.size() == 1 && expected.get(0).startsWith("error ")) {
            assertError(() -> Wql.parse(query).compile(repository, TestSchema.NAMESPACE),
                    expected.get(0).substring("error ".length()));
            return;
        }
        CompiledQuery compiled = Wql.parse(query).compile(repository, TestSchema.NAMESPACE);
        List<String> want = expected.equals(List.of("(none)")) ? List.of() : expected;
        List<String> actual = paths(compiled.execute(instances, null));
        assertThat(actual).as("instance by instance").containsExactlyElementsOf(want);

        // The same query over the fixture as tables, one per class: the same rows, in fixture order within a class.
        Map<CimClass, List<CimInstance>> byClass = new LinkedHashMap<>();
        instances.forEach(i -> byClass.computeIfAbsent(i.cimClass(), c -> new ArrayList<>()).add(i));
        List<String> fromTables = new ArrayList<>();
        byClass.forEach((cimClass, rows) -> {
            List<String> fromTable = paths(compiled.execute(InstanceTable.of(cimClass, rows), null));
            String prefix = cimClass.name() + ".";
            assertThat(fromTable).as("over the table of " + cimClass.name())
                    .containsExactlyElementsOf(want.stream().filter(p -> p.startsWith(prefix)).toList());
            fromTables.addAll(fromTable);
        });
        assertThat(fromTables).as("over tables").containsExactlyInAnyOrderElementsOf(want);
    }

    private static List<String> paths(List<ResultRow> rows) {
        return rows.stream().map(r -> r.relativePath().toWmiPath()).toList();
    }

    private static void assertError(Runnable run, String expected) {
        Matcher m = ERROR.matcher(expected);
        assertThat(m.matches()).as("expected error '%s'", expected).isTrue();
        assertThatThrownBy(run::run).isInstanceOfSatisfying(CimException.class, e -> {
            assertThat(e.status().name()).as(e.getMessage()).isEqualTo(m.group(1));
            if (m.group(2) != null) {
                assertThat(e).isInstanceOf(WqlParseException.class);
                assertThat(((WqlParseException) e).column()).as(e.getMessage()).isEqualTo(Integer.parseInt(m.group(2)));
            }
        });
    }

    /** {@code Class Prop=value …}, values written as WQL constants and converted to each property's type. */
    private static CimInstance instance(ClassRepository repository, String text) {
        List<WqlToken> tokens = new WqlLexer(text).tokens();
        CimClass cimClass = repository.requireClass(TestSchema.NAMESPACE, CimName.of(tokens.get(0).text()));
        CimInstance.Builder b = CimInstance.builder(cimClass);
        for (int i = 1; tokens.get(i).type() != Type.EOF; i += 3) {
            CimName name = CimName.of(tokens.get(i).text());
            WqlToken value = tokens.get(i + 2);
            CimValue v = switch (value.type()) {
                case NULL -> null;
                case STRING -> CimValue.string(value.value());
                default -> CimValue.parse(cimClass.property(name).orElseThrow().dataType(), value.text());
            };
            b.set(name, v);
        }
        return b.build();
    }

    private record Case(String name, String query, String expected) {
    }

    /** Each non-comment line is a query; the next line starting with {@code marker} holds what it must give. */
    private static Stream<Case> cases(String dir, String suffix, String marker) {
        List<Case> out = new ArrayList<>();
        for (Path file : Vectors.files(dir, suffix)) {
            List<String> lines = Vectors.read(file).lines().toList();
            String query = null;
            int at = 0;
            for (int n = 0; n < lines.size(); n++) {
                String line = lines.get(n);
                if (line.startsWith(marker)) {
                    if (query == null) {
                        fail(file.getFileName() + ":" + (n + 1) + ": no query before this line");
                    }
                    out.add(new Case(file.getFileName() + ":" + at + " " + query, query, line.substring(marker.length())));
                    query = null;
                } else if (!line.startsWith("--") && !line.isBlank()) {
                    query = line;
                    at = n + 1;
                }
            }
        }
        return out.stream();
    }
}
