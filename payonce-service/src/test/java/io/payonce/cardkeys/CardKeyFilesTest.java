package io.payonce.cardkeys;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.Base64;
import java.util.NavigableMap;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class CardKeyFilesTest {

    @TempDir
    Path dataFolder;

    @Test
    void the_first_key_is_generated_once_readable_by_the_owner_only() throws Exception {
        CardKeyFiles files = new CardKeyFiles(dataFolder.resolve("card-keys"));

        NavigableMap<Integer, byte[]> keys = files.loadOrCreateFirst();

        Path file = dataFolder.resolve("card-keys/v1.key");
        assertThat(keys.keySet()).containsExactly(1);
        assertThat(PosixFilePermissions.toString(Files.getPosixFilePermissions(file))).isEqualTo("rw-------");
        assertThat(PosixFilePermissions.toString(Files.getPosixFilePermissions(file.getParent()))).isEqualTo("rwx------");
        assertThat(Base64.getDecoder().decode(Files.readString(file).strip())).isEqualTo(keys.get(1)).hasSize(32);
    }

    @Test
    void an_existing_key_is_reused_and_never_overwritten() throws Exception {
        CardKeyFiles files = new CardKeyFiles(dataFolder.resolve("card-keys"));
        byte[] first = files.loadOrCreateFirst().get(1);
        String before = Files.readString(dataFolder.resolve("card-keys/v1.key"));

        byte[] again = new CardKeyFiles(dataFolder.resolve("card-keys")).loadOrCreateFirst().get(1);

        assertThat(again).isEqualTo(first);
        assertThat(Files.readString(dataFolder.resolve("card-keys/v1.key"))).isEqualTo(before);
        assertThatThrownBy(() -> files.create(1)).hasMessageContaining("v1.key");
        assertThat(Files.readString(dataFolder.resolve("card-keys/v1.key"))).isEqualTo(before);
    }

    @Test
    void a_new_version_gets_its_own_file_beside_the_old_ones() {
        CardKeyFiles files = new CardKeyFiles(dataFolder.resolve("card-keys"));
        byte[] first = files.loadOrCreateFirst().get(1);

        byte[] second = files.create(2);

        NavigableMap<Integer, byte[]> keys = files.load();
        assertThat(keys.keySet()).containsExactly(1, 2);
        assertThat(keys.get(1)).isEqualTo(first);
        assertThat(keys.get(2)).isEqualTo(second).isNotEqualTo(first);
    }

    @Test
    void a_key_file_others_can_read_stops_start_up_with_the_fix() throws Exception {
        CardKeyFiles files = new CardKeyFiles(dataFolder.resolve("card-keys"));
        files.loadOrCreateFirst();
        Files.setPosixFilePermissions(dataFolder.resolve("card-keys/v1.key"), PosixFilePermissions.fromString("rw-r--r--"));

        assertThatThrownBy(files::load)
                .isInstanceOf(IllegalStateException.class)
                .hasMessageContaining("PAYONCE_DATA_DIR")
                .hasMessageContaining("chmod 600");
    }

    @Test
    void a_damaged_key_file_stops_start_up_without_showing_its_content() throws Exception {
        CardKeyFiles files = new CardKeyFiles(dataFolder.resolve("card-keys"));
        files.loadOrCreateFirst();
        Path file = dataFolder.resolve("card-keys/v1.key");
        Files.writeString(file, "c2hvcnQ=\n");

        assertThatThrownBy(files::load)
                .isInstanceOf(IllegalStateException.class)
                .hasMessageContaining("32 bytes")
                .hasMessageNotContaining("c2hvcnQ=");
    }
}
