package io.tenantry.spring.registerkey;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.HashSet;
import java.util.Set;
import java.util.UUID;
import org.junit.jupiter.api.Test;

class KeyMaterialTest {

  @Test
  void keysAre256RandomBitsWithAPrefix() {
    Set<String> keys = new HashSet<>();
    for (int i = 0; i < 100; i++) {
      String key = KeyMaterial.newKey();
      assertThat(key).startsWith("trk_").hasSize(47);
      assertThat(KeyMaterial.wellFormed(key)).isTrue();
      keys.add(key);
    }
    assertThat(keys).hasSize(100);
  }

  @Test
  void onlyWellFormedValuesReachTheDatabase() {
    String key = KeyMaterial.newKey();
    assertThat(KeyMaterial.wellFormed(null)).isFalse();
    assertThat(KeyMaterial.wellFormed("")).isFalse();
    assertThat(KeyMaterial.wellFormed(key.substring(1))).isFalse();
    assertThat(KeyMaterial.wellFormed(key + "A")).isFalse();
    assertThat(KeyMaterial.wellFormed("xyz_" + key.substring(4))).isFalse();
    assertThat(KeyMaterial.wellFormed(key.substring(0, 46) + "'")).isFalse();
    assertThat(KeyMaterial.wellFormed("trk_" + "A".repeat(43))).isTrue();
  }

  @Test
  void hashesAre32BytesAndDeterministic() {
    String key = KeyMaterial.newKey();
    assertThat(KeyMaterial.hash(key)).hasSize(32).isEqualTo(KeyMaterial.hash(key));
    assertThat(KeyMaterial.hash(key)).isNotEqualTo(KeyMaterial.hash(KeyMaterial.newKey()));
  }

  @Test
  void issuedKeysDoNotPrintTheirSecret() {
    IssuedRegisterKey issued = new IssuedRegisterKey(UUID.randomUUID(), UUID.randomUUID(), UUID.randomUUID(),
        UUID.randomUUID(), java.time.Instant.now(), "trk_secret");
    assertThat(issued.toString()).doesNotContain("trk_secret").contains("not shown");
  }

  @Test
  void aRegisterIdentityIsTheRegistersContext() {
    RegisterIdentity id = new RegisterIdentity(UUID.randomUUID(), UUID.randomUUID(), UUID.randomUUID(),
        UUID.randomUUID());
    assertThat(id.toContext().registerId()).contains(id.registerId());
    assertThat(id.toContext().storeId()).contains(id.storeId());
    assertThat(id.toContext().grantedStoreIds()).containsExactly(id.storeId());
    assertThat(id.toContext().principal()).contains("register:" + id.registerId());
  }
}
