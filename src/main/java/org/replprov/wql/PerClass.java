package org.replprov.wql;

import java.util.List;
import java.util.function.Function;

import org.replprov.cim.CimClass;

/**
 * Something compiled once for each concrete class a query covers: the class it names and each subclass the
 * repository holds. Looking one up compares class identity, so it allocates nothing.
 *
 * <p>An instance whose class is a subclass by name but not one of the repository's objects (built elsewhere) gets a
 * plan compiled on the spot, so it is filtered correctly, only more slowly.
 */
final class PerClass<T> {

    private final CimClass root;
    private final CimClass[] classes;
    private final Object[] compiled;
    private final Function<CimClass, T> compiler;

    /**
     * Compiles for {@code classes}, whose first element is the class the query names.
     *
     * @throws org.replprov.cim.CimException whatever {@code compiler} throws for the first class
     */
    PerClass(List<CimClass> classes, Function<CimClass, T> compiler) {
        this.root = classes.get(0);
        this.classes = classes.toArray(new CimClass[0]);
        this.compiled = new Object[this.classes.length];
        this.compiler = compiler;
        for (int i = 0; i < this.classes.length; i++) {
            compiled[i] = compiler.apply(this.classes[i]);
        }
    }

    /** The plan for {@code cimClass}, or null when the class is not the root class or one of its subclasses. */
    @SuppressWarnings("unchecked")
    T get(CimClass cimClass) {
        for (int i = 0; i < classes.length; i++) {
            if (classes[i] == cimClass) {
                return (T) compiled[i];
            }
        }
        return cimClass.isA(root.name()) ? compiler.apply(cimClass) : null;
    }

    CimClass root() {
        return root;
    }

    List<CimClass> classes() {
        return List.of(classes);
    }
}
