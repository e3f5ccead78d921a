package org.replprov.module;

import java.util.Comparator;
import java.util.List;
import java.util.ServiceLoader;

/** The class modules on the class path ({@link ServiceLoader}), in a stable order: by name. */
public final class Modules {

    private Modules() {
    }

    public static List<ClassModule> shipped() {
        return ServiceLoader.load(ClassModule.class, Modules.class.getClassLoader()).stream()
                .map(ServiceLoader.Provider::get).sorted(Comparator.comparing(ClassModule::name)).toList();
    }
}
