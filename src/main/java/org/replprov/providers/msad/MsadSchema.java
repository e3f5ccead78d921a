package org.replprov.providers.msad;

import java.util.List;

import org.replprov.cim.CimName;

/** The names the MSAD provider relies on (mof/msad.mof, docs/msad-classes.md). */
final class MsadSchema {

    static final String NAMESPACE = "root/MicrosoftActiveDirectory";
    static final CimName NEIGHBOR = CimName.of("MSAD_ReplNeighbor");
    static final CimName CURSOR = CimName.of("MSAD_ReplCursor");
    static final CimName NAMING_CONTEXT = CimName.of("MSAD_NamingContext");
    static final CimName DOMAIN_CONTROLLER = CimName.of("MSAD_DomainController");
    static final CimName PENDING_OP = CimName.of("MSAD_ReplPendingOp");
    static final List<CimName> CLASSES = List.of(NEIGHBOR, CURSOR, NAMING_CONTEXT, DOMAIN_CONTROLLER, PENDING_OP);

    static final CimName SYNC_NAMING_CONTEXT = CimName.of("SyncNamingContext");

    private MsadSchema() {
    }
}
