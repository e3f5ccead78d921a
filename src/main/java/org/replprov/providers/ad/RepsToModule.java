package org.replprov.providers.ad;

import java.util.List;

import org.replprov.metrics.Collector;
import org.replprov.module.ClassModule;
import org.replprov.module.ModuleContext;
import org.replprov.module.OpenModule;
import org.replprov.provider.ObjectManager;
import org.replprov.repository.ClassRepository;

/**
 * The AD replication classes of {@code root/MicrosoftActiveDirectory}: ReplProv_RepsTo over the repsTo values the
 * engines fill (MS-DRSR §5.173), and its metrics.
 */
public final class RepsToModule implements ClassModule {

    @Override
    public String name() {
        return "ad";
    }

    @Override
    public List<String> checkSchema(ClassRepository schema) {
        return schema.getClass(RepsToSchema.NAMESPACE, RepsToSchema.CLASS)
                .map(c -> RepsToSchema.check(c).stream().map(p -> RepsToSchema.CLASS + ": " + p).toList())
                .orElse(List.of(RepsToSchema.NAMESPACE + ":" + RepsToSchema.CLASS + " is not in the schema"));
    }

    @Override
    public OpenModule open(ModuleContext context) {
        RepsToProvider provider = RepsToProvider.builder().schema(context.schema()).source(context.repsTo())
                .clock(context.scheduler().clock()).build();
        return new OpenModule() {
            @Override
            public List<Registration> registrations() {
                return List.of(new Registration(RepsToSchema.NAMESPACE, RepsToSchema.CLASS, provider));
            }

            @Override
            public List<Collector> metrics(ObjectManager objectManager) {
                return List.of(new RepsToMetrics(objectManager, context.scheduler().clock()));
            }
        };
    }
}
