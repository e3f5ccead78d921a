package org.replprov.module;

import java.util.List;

import org.replprov.repository.ClassRepository;
import org.replprov.state.TableSet;

/**
 * A family of WMI classes served together: what it needs of the schema, the state tables it keeps, and how to open
 * its providers. Modules are found by {@link java.util.ServiceLoader} ({@link Modules#shipped()}); adding a class family is adding a
 * package with a module and its registration.
 */
public interface ClassModule {

    /** A short lower-case name for logs and errors ({@code "dfsr"}). */
    String name();

    /**
     * What is wrong with {@code schema} for this module's providers: each problem names the namespace and class;
     * empty when the classes fit. Checked before {@link #open}, so a wrong MOF stops start-up with all problems.
     */
    List<String> checkSchema(ClassRepository schema);

    /** The state tables the module keeps and their migrations; {@link TableSet#NONE} when it keeps nothing. */
    default TableSet tables() {
        return TableSet.NONE;
    }

    /**
     * Opens the module's providers over the context: they subscribe to the engines, restore their state, and are
     * ready for the object manager. Called before the engines start.
     */
    OpenModule open(ModuleContext context);
}
