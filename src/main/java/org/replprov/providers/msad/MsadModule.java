package org.replprov.providers.msad;

import java.util.ArrayList;
import java.util.List;

import org.replprov.cim.CimName;
import org.replprov.metrics.Collector;
import org.replprov.module.ClassModule;
import org.replprov.module.ModuleContext;
import org.replprov.module.OpenModule;
import org.replprov.module.OpenModule.Registration;
import org.replprov.provider.ObjectManager;
import org.replprov.repository.ClassRepository;

/**
 * The MSAD classes of {@code root/MicrosoftActiveDirectory} over what directory engines (samba-ad) report, and their
 * metrics (docs/msad-classes.md, "The provider").
 */
public final class MsadModule implements ClassModule {

    @Override
    public String name() {
        return "msad";
    }

    @Override
    public List<String> checkSchema(ClassRepository schema) {
        List<String> problems = new ArrayList<>();
        for (CimName c : MsadSchema.CLASSES) {
            if (schema.getClass(MsadSchema.NAMESPACE, c).isEmpty()) {
                problems.add(MsadSchema.NAMESPACE + ":" + c + " is not in the schema");
            }
        }
        return problems;
    }

    @Override
    public OpenModule open(ModuleContext context) {
        MsadState state = new MsadState();
        context.engines().subscribe(state);
        List<Registration> registrations = new ArrayList<>();
        for (CimName c : MsadSchema.CLASSES) {
            registrations.add(new Registration(MsadSchema.NAMESPACE, c, new MsadProvider(c, state,
                    context.engines())));
        }
        return new OpenModule() {
            @Override
            public List<Registration> registrations() {
                return registrations;
            }

            @Override
            public List<Collector> metrics(ObjectManager objectManager) {
                return List.of(new MsadMetrics(state, context.scheduler().clock()));
            }
        };
    }
}
