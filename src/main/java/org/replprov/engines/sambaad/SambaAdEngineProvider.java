package org.replprov.engines.sambaad;

import org.replprov.engine.spi.EngineContext;
import org.replprov.engine.spi.ReplicationEngine;
import org.replprov.engine.spi.ReplicationEngineProvider;

/**
 * The {@code samba-ad} engine adapter: Active Directory replication of one domain controller, read over LDAP and
 * driven with samba-tool (docs/engines.md, "samba-ad"). The password comes from the environment variable or file
 * the settings name and is read for each bind.
 */
public final class SambaAdEngineProvider implements ReplicationEngineProvider {

    public static final String NAME = "samba-ad";

    @Override
    public String name() {
        return NAME;
    }

    @Override
    public ReplicationEngine create(EngineContext context) {
        SambaAdSettings settings = SambaAdSettings.parse(context.settings(), System::getenv);
        return new SambaAdEngine(context.instance(), settings, context.scheduler(), context.repsTo(),
                context.stateDirectory());
    }
}
