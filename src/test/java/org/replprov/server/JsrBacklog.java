package org.replprov.server;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import javax.security.auth.Subject;
import org.metricshub.wbem.javax.cim.CIMArgument;
import org.metricshub.wbem.javax.cim.CIMDataType;
import org.metricshub.wbem.javax.cim.CIMInstance;
import org.metricshub.wbem.javax.cim.CIMObjectPath;
import org.metricshub.wbem.javax.cim.CIMProperty;
import org.metricshub.wbem.javax.cim.UnsignedInteger32;
import org.metricshub.wbem.javax.cim.UnsignedInteger8;
import org.metricshub.wbem.javax.wbem.WBEMException;
import org.metricshub.wbem.javax.wbem.client.PasswordCredential;
import org.metricshub.wbem.javax.wbem.client.UserPrincipal;
import org.metricshub.wbem.javax.wbem.client.WBEMClient;
import org.metricshub.wbem.javax.wbem.client.WBEMClientConstants;
import org.metricshub.wbem.javax.wbem.client.WBEMClientFactory;
import org.replprov.testing.TestDaemon;

/**
 * The backlog methods through the JSR-48 client (the SBLIM CIM Client for Java, {@code org.metricshub:wbem-java}):
 * GetVersionVector on the receiving member, GetOutboundBacklogFileCount and GetOutboundBacklogFileIdRecords with it
 * on the sending member, the records parsed by the client as {@link CIMInstance} objects from the embedded-instance
 * output parameter.
 */
final class JsrBacklog {

    private static final String NS = "root/MicrosoftDfs";

    private JsrBacklog() {
    }

    private static WBEMClient client(int port) throws WBEMException {
        WBEMClient c = WBEMClientFactory.getClient(WBEMClientConstants.PROTOCOL_CIMXML);
        Subject s = new Subject();
        s.getPrincipals().add(new UserPrincipal(TestDaemon.OPERATOR));
        s.getPrivateCredentials().add(new PasswordCredential(TestDaemon.PASSWORD.toCharArray()));
        c.initialize(new CIMObjectPath("http", "127.0.0.1", Integer.toString(port), null, null, null), s,
                new Locale[] {Locale.US});
        return c;
    }

    private static CIMObjectPath folder(String guid) {
        return new CIMObjectPath(null, null, null, NS, "DfsrReplicatedFolderInfo", new CIMProperty<?>[] {
            new CIMProperty<>("ReplicatedFolderGuid", CIMDataType.STRING_T, guid, true, false, null)});
    }

    private static Object out(CIMArgument<?>[] out, String name) {
        return Arrays.stream(out).filter(a -> a != null && a.getName().equalsIgnoreCase(name)).findFirst()
                .orElseThrow(() -> new AssertionError("no output parameter " + name + " in "
                        + Arrays.toString(out))).getValue();
    }

    /** Checks the three methods across the sender's and receiver's daemons; returns nothing, asserts all. */
    static void check(int senderPort, int receiverPort, String folderGuid, long expectedCount,
                      List<String> expectedFileNames) throws WBEMException {
        WBEMClient receiver = client(receiverPort);
        WBEMClient sender = client(senderPort);
        try {
            CIMArgument<?>[] vvOut = new CIMArgument<?>[1];
            assertThat(receiver.invokeMethod(folder(folderGuid), "GetVersionVector", new CIMArgument<?>[0], vvOut))
                    .isEqualTo(new UnsignedInteger32(0));
            String vector = (String) out(vvOut, "VersionVector");
            assertThat(vector).startsWith("RPVV1:");
            CIMArgument<?>[] in = {new CIMArgument<>("VersionVector", CIMDataType.STRING_T, vector)};

            CIMArgument<?>[] countOut = new CIMArgument<?>[2];
            assertThat(sender.invokeMethod(folder(folderGuid), "GetOutboundBacklogFileCount", in, countOut))
                    .isEqualTo(new UnsignedInteger32(0));
            assertThat(out(countOut, "BacklogFileCount")).isEqualTo(new UnsignedInteger32(expectedCount));

            CIMArgument<?>[] recordsOut = new CIMArgument<?>[2];
            assertThat(sender.invokeMethod(folder(folderGuid), "GetOutboundBacklogFileIdRecords", in, recordsOut))
                    .isEqualTo(new UnsignedInteger32(0));
            Object records = out(recordsOut, "BacklogIdRecords");
            assertThat(records).as("the client parsed the embedded instances").isInstanceOf(CIMInstance[].class);
            CIMInstance[] instances = (CIMInstance[]) records;
            assertThat(instances).allSatisfy(i -> {
                assertThat(i.getClassName()).isEqualTo("DfsrIdRecordInfo");
                assertThat(i.getPropertyValue("ReplicatedFolderGuid")).isEqualTo(folderGuid);
                assertThat(i.getPropertyValue("Flags")).isEqualTo(new UnsignedInteger8((short) 1));
            });
            assertThat(instances).extracting(i -> i.getPropertyValue("FileName"))
                    .containsExactlyElementsOf(expectedFileNames);
            assertThat(out(recordsOut, "IdRecordIndex"))
                    .isEqualTo(new UnsignedInteger32(expectedFileNames.size()));
        } finally {
            sender.close();
            receiver.close();
        }
    }
}
