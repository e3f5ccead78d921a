package org.replprov.mof;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.Optional;

import org.replprov.cim.CimClass;
import org.replprov.repository.ClassRepository;

/** The writer's contract: what it prints compiles back to equal values. */
final class RoundTrip {

    private RoundTrip() {
    }

    /**
     * Every class of {@code repository}, printed alone, compiles to an equal class against a repository holding the
     * namespace's qualifier types and the classes defined before it (its superclasses and the classes it refers to
     * among them).
     */
    static void assertEachClassRecompiles(ClassRepository repository) {
        for (String namespace : repository.namespaces()) {
            ClassRepository.Namespace ns = repository.requireNamespace(namespace);
            for (CimClass c : ns.classes().values()) {
                ClassRepository before = classesBefore(c, ns);
                String printed = MofWriter.of(ns).write(c);
                ClassRepository again = MofCompiler.create().withBase(before).withNamespace(namespace)
                        .compileText(c.name() + ".mof", printed);
                Optional<CimClass> recompiled = again.getClass(namespace, c.name());
                assertThat(recompiled).as("%s compiled from\n%s", c.name(), printed).contains(c);
            }
        }
    }

    /** The whole repository, printed, compiles to equal classes and instances in every namespace. */
    static void assertRepositoryRecompiles(ClassRepository repository) {
        String printed = MofWriter.write(repository);
        ClassRepository again = MofCompiler.create().compileText("repository.mof", printed);
        for (String namespace : repository.namespaces()) {
            assertThat(again.classes(namespace)).as("classes of %s from\n%s", namespace, printed)
                    .containsExactlyElementsOf(repository.classes(namespace));
            assertThat(again.instances(namespace)).as("instances of %s from\n%s", namespace, printed)
                    .containsExactlyElementsOf(repository.instances(namespace));
        }
    }

    private static ClassRepository classesBefore(CimClass c, ClassRepository.Namespace ns) {
        ClassRepository.Builder b = ClassRepository.builder().namespace(ns.name());
        ns.qualifierTypes().values().forEach(t -> b.qualifierType(ns.name(), t));
        for (CimClass earlier : ns.classes().values()) {
            if (earlier.name().equals(c.name())) {
                break;
            }
            b.addClass(ns.name(), earlier);
        }
        return b.build();
    }
}
