package ai.lepton.platform.security;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.HashSet;
import java.util.Set;
import org.junit.jupiter.api.Test;

class KeyMaterialTest {

    @Test
    void generatedKeysArePrefixedLongAndDistinct() {
        Set<String> seen = new HashSet<>();
        for (int i = 0; i < 1000; i++) {
            String k = KeyMaterial.generate();
            assertThat(k).startsWith("lep_").hasSize(44).matches("lep_[0-9A-Za-z]{40}");
            assertThat(seen.add(k)).isTrue();
        }
    }

    @Test
    void hashIsSha256HexAndNeverTheKey() {
        assertThat(KeyMaterial.hash("abc"))
                .isEqualTo("ba7816bf8f01cfea414140de5dae2223b00361a396177a9cb410ff61f20015ad");
        String k = KeyMaterial.generate();
        assertThat(KeyMaterial.hash(k)).hasSize(64).doesNotContain(k.substring(4));
    }

    @Test
    void displayPrefixShowsOnlyTheFirstCharacters() {
        assertThat(KeyMaterial.displayPrefix("lep_abcdefghijklmnop")).isEqualTo("lep_abcdef");
    }
}
