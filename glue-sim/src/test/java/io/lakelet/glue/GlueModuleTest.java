package io.lakelet.glue;

import static org.assertj.core.api.Assertions.assertThat;

import io.lakelet.core.server.LakeletServer;
import io.lakelet.core.spi.Protocol;
import io.lakelet.core.spi.ServiceModule;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.Test;
import software.amazon.awssdk.services.glue.model.Database;

/** The module is found by the server's discovery and described as Glue is addressed. */
class GlueModuleTest {

    @Test
    void discoveryFindsGlueAndTheServerServesIt() {
        // given
        List<ServiceModule> found = LakeletServer.discover(Set.of("glue"));
        // then
        assertThat(found).singleElement().isInstanceOf(GlueModule.class);
        assertThat(GlueModule.DESCRIPTOR.signingNames()).containsExactly("glue");
        assertThat(GlueModule.DESCRIPTOR.targetPrefixes()).containsExactly("AWSGlue");
        assertThat(GlueModule.DESCRIPTOR.protocol()).isEqualTo(Protocol.AWS_JSON_1_1);
        assertThat(GlueModule.DESCRIPTOR.jsonMessageKey()).isEqualTo("Message");
        try (GlueServer server = GlueServer.start(Map.of())) {
            server.glue.createDatabase(b -> b.databaseInput(d -> d.name("found")));
            assertThat(server.glue.getDatabases(b -> { }).databaseList()).extracting(Database::name)
                    .containsExactly("found");
        }
    }
}
