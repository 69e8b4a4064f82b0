package io.tenantry.spring.it;

import static io.tenantry.spring.it.World.A;
import static io.tenantry.spring.it.World.A1;
import static io.tenantry.spring.it.World.A2;
import static io.tenantry.spring.it.World.B;
import static io.tenantry.spring.it.World.PA2;
import static io.tenantry.spring.it.World.PB1;
import static io.tenantry.spring.it.World.RA1;
import static io.tenantry.spring.it.World.RA2;
import static io.tenantry.spring.test.TenantRequests.asRegister;
import static io.tenantry.spring.test.TenantRequests.asTenant;
import static io.tenantry.spring.test.TenantRequests.inStore;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.get;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.post;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.content;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.header;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.jsonPath;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.status;

import io.tenantry.core.NoTenantBoundException;
import io.tenantry.core.Tenancy;
import io.tenantry.core.TenantContext;
import io.tenantry.core.TenantIsolationException;
import io.tenantry.spring.registerkey.IssuedRegisterKey;
import io.tenantry.spring.registerkey.JpaRegisterKeys;
import io.tenantry.spring.registerkey.RegisterKey;
import io.tenantry.spring.registerkey.RegisterKeyCaches;
import io.tenantry.spring.registerkey.RegisterKeys;
import jakarta.persistence.EntityManagerFactory;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import org.hamcrest.Matchers;
import org.hibernate.SessionFactory;
import org.hibernate.stat.QueryStatistics;
import org.hibernate.stat.Statistics;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.http.MediaType;
import org.springframework.transaction.PlatformTransactionManager;

/** THREATS 21 and the register-key path: register → store → company, hashed, revocable. */
class RegisterKeyHttpTest extends AttackAppTestSupport {

  static final String DIRECTORY_SQL =
      "select l.register_key_id, l.company from tenantry_register_key_lookup l where l.key_hash = ?";

  @Autowired
  RegisterKeys keys;

  @Autowired
  EntityManagerFactory entityManagerFactory;

  @Autowired
  PlatformTransactionManager transactionManager;

  private IssuedRegisterKey issue(java.util.UUID register) {
    return Tenancy.supply(TenantContext.ofCompany(A), () -> keys.issue(register));
  }

  @Test
  void aRegisterKeyActsAsItsRegisterStoreAndCompany() throws Exception {
    IssuedRegisterKey key = issue(RA1);
    mvc.perform(get("/probe/whoami").with(asRegister(key.key())))
        .andExpect(status().isOk())
        .andExpect(jsonPath("$.company").value(A.toString()))
        .andExpect(jsonPath("$.store").value(A1.toString()))
        .andExpect(jsonPath("$.register").value(RA1.toString()))
        .andExpect(jsonPath("$.principal").value("register:" + RA1));
  }

  /**
   * The directory read runs as system access, whose sessions bypass Hibernate's query plan cache; it is native SQL so
   * that it is not translated again each time. It runs once per key (issue 20): a key that authenticated keeps its
   * location, and its later requests read only the key row, as its company.
   */
  @Test
  void theDirectoryIsReadOncePerKey_withOneCachedQueryPlan() throws Exception {
    List<String> fourKeys = List.of(issue(RA1).key(), issue(RA1).key(), issue(RA2).key(), issue(RA2).key());
    Statistics statistics = inThreeRounds(fourKeys, key ->
        mvc.perform(get("/probe/whoami").with(asRegister(key))).andExpect(status().isOk()));
    QueryStatistics lookup = statistics.getQueryStatistics(DIRECTORY_SQL);
    assertThat(lookup.getExecutionCount()).isEqualTo(4);
    assertThat(lookup.getPlanCacheMissCount()).isLessThanOrEqualTo(1);
    assertThat(lookup.getPlanCacheHitCount()).isGreaterThanOrEqualTo(3);
    // every request read its key row
    assertThat(statistics.getEntityStatistics(RegisterKey.class.getName()).getLoadCount()).isEqualTo(12);
  }

  /** A key's authentication, to be counted. */
  interface Authentication {
    void of(String key) throws Exception;
  }

  /** Hibernate's statistics of three rounds in which every key authenticates in turn. */
  private Statistics inThreeRounds(List<String> keysInTurn, Authentication authentication) throws Exception {
    Statistics statistics = entityManagerFactory.unwrap(SessionFactory.class).getStatistics();
    statistics.setStatisticsEnabled(true);
    try {
      statistics.clear();
      for (int round = 0; round < 3; round++) {
        for (String key : keysInTurn) {
          authentication.of(key);
        }
      }
      return statistics;
    } finally {
      statistics.setStatisticsEnabled(false);
    }
  }

  /**
   * The directory cache's bounds ({@code tenantry.register-keys.directory-cache.*}, passed on by the auto-configuration:
   * TenantryRegisterKeysAutoConfigurationTests): with no keys or no time to live every request reads the directory;
   * with room for one key, two keys in turn push each other out; with room for both, each is read once.
   */
  @Test
  void theDirectoryCacheBounds_decideHowOftenTheDirectoryIsRead() throws Exception {
    List<String> twoKeys = List.of(issue(RA1).key(), issue(RA2).key());
    Duration minute = Duration.ofMinutes(1);
    Duration tenMinutes = Duration.ofMinutes(10);
    assertThat(directoryReads(new JpaRegisterKeys(entityManagerFactory, transactionManager, minute, 0, tenMinutes),
        twoKeys)).as("no keys kept").isEqualTo(6);
    assertThat(directoryReads(new JpaRegisterKeys(entityManagerFactory, transactionManager, minute, 10_000,
        Duration.ZERO), twoKeys)).as("kept for no time").isEqualTo(6);
    assertThat(directoryReads(new JpaRegisterKeys(entityManagerFactory, transactionManager, minute, 1, tenMinutes),
        twoKeys)).as("room for one key").isEqualTo(6);
    assertThat(directoryReads(new JpaRegisterKeys(entityManagerFactory, transactionManager, minute, 2, tenMinutes),
        twoKeys)).as("room for both").isEqualTo(2);
  }

  /** How many times the directory is read while the keys authenticate in turn, three rounds. */
  private long directoryReads(RegisterKeys registerKeys, List<String> presented) throws Exception {
    return inThreeRounds(presented, key -> assertThat(registerKeys.resolve(key)).isPresent())
        .getQueryStatistics(DIRECTORY_SQL).getExecutionCount();
  }

  /** A key whose location is cached is refused on the very next request once revoked, here or in the database. */
  @Test
  void aCachedKeyIsRefusedAtOnceWhenRevoked() throws Exception {
    IssuedRegisterKey revokedHere = issue(RA1);
    IssuedRegisterKey revokedElsewhere = issue(RA2);
    for (IssuedRegisterKey key : List.of(revokedHere, revokedElsewhere)) {
      mvc.perform(get("/products").with(asRegister(key.key()))).andExpect(status().isOk());
      assertThat(RegisterKeyCaches.holds(keys, key.key())).as("cached").isTrue();
    }
    assertThat(Tenancy.supply(TenantContext.ofCompany(A), () -> keys.revoke(revokedHere.keyId()))).isTrue();
    // another JVM revoking: only the database knows
    admin().update("update tenantry_register_key set revoked_at = now() where id = ?", revokedElsewhere.keyId());
    for (IssuedRegisterKey key : List.of(revokedHere, revokedElsewhere)) {
      mvc.perform(get("/products").with(asRegister(key.key())))
          .andExpect(status().isUnauthorized())
          .andExpect(header().string("WWW-Authenticate", Matchers.startsWith("RegisterKey")));
      assertThat(RegisterKeyCaches.holds(keys, key.key())).as("forgotten").isFalse();
      assertThat(keys.resolve(key.key())).isEmpty();
    }
  }

  /**
   * The attack on the cache: an entry sending a key of the attacker's choosing to another company's key row (or to a
   * key id under the wrong company). The key row, read as the entry's company, holds another hash or is not there:
   * nothing is authenticated, the victim's key is not touched, and the entry is dropped.
   */
  @Test
  void aCacheEntryPointingAtAnotherCompanysKeyAuthenticatesNothing() throws Exception {
    IssuedRegisterKey victim = Tenancy.supply(TenantContext.ofCompany(B), () -> keys.issue(World.RB1));
    IssuedRegisterKey own = issue(RA1);
    String forged = "trk_" + "G".repeat(43);
    String forged2 = "trk_" + "H".repeat(43);
    RegisterKeyCaches.point(keys, forged, victim.keyId(), B);
    RegisterKeyCaches.point(keys, forged2, own.keyId(), B); // company A's key id, under company B
    for (String key : List.of(forged, forged2)) {
      mvc.perform(get("/probe/whoami").with(asRegister(key))).andExpect(status().isUnauthorized());
      assertThat(RegisterKeyCaches.holds(keys, key)).isFalse();
    }
    assertThat(admin().queryForObject("select last_seen_at from tenantry_register_key where id = ?", Object.class,
        victim.keyId())).isNull();
    // a stale entry for a real key (its company wrong) does not lock it out: the directory is asked again
    RegisterKeyCaches.point(keys, own.key(), own.keyId(), B);
    mvc.perform(get("/probe/whoami").with(asRegister(own.key())))
        .andExpect(status().isOk()).andExpect(jsonPath("$.company").value(A.toString()));
    mvc.perform(get("/probe/whoami").with(asRegister(victim.key())))
        .andExpect(status().isOk()).andExpect(jsonPath("$.company").value(B.toString()));
  }

  /** Unknown, malformed and revoked keys are never kept: a flood of made-up keys adds nothing to memory. */
  @Test
  void refusedKeysAreNeverCached() throws Exception {
    IssuedRegisterKey revoked = issue(RA2);
    assertThat(Tenancy.supply(TenantContext.ofCompany(A), () -> keys.revoke(revoked.keyId()))).isTrue();
    int before = RegisterKeyCaches.size(keys);
    for (int i = 0; i < 200; i++) {
      String unknown = "trk_" + String.format("%043d", i);
      mvc.perform(get("/products").with(asRegister(unknown))).andExpect(status().isUnauthorized());
    }
    mvc.perform(get("/products").with(asRegister(revoked.key()))).andExpect(status().isUnauthorized());
    assertThat(RegisterKeyCaches.size(keys)).isEqualTo(before);
    assertThat(RegisterKeyCaches.holds(keys, revoked.key())).isFalse();
  }

  @Test
  void aRegisterSeesOnlyItsStoreAndGets404ForAnotherStoresProduct() throws Exception {
    String key = issue(RA1).key();
    mvc.perform(get("/products").with(asRegister(key)))
        .andExpect(jsonPath("$[*].name", Matchers.contains("Milk A1")));
    mvc.perform(get("/products/" + PA2).with(asRegister(key))).andExpect(status().isNotFound());
    mvc.perform(get("/products/" + PB1).with(asRegister(key))).andExpect(status().isNotFound());
  }

  @Test
  void aRegisterKeyOfStore1SelectingStore2IsRefused() throws Exception {
    String key = issue(RA1).key();
    mvc.perform(get("/products").with(asRegister(key)).with(inStore(A2)))
        .andExpect(status().isForbidden())
        .andExpect(content().contentTypeCompatibleWith(MediaType.APPLICATION_PROBLEM_JSON));
    mvc.perform(get("/products").with(asRegister(key)).with(inStore(A1)))
        .andExpect(status().isOk());
  }

  @Test
  void aRegisterCannotCreateDataInAnotherStoreThroughTheBody() throws Exception {
    String key = issue(RA1).key();
    mvc.perform(post("/products").with(asRegister(key)).contentType(MediaType.APPLICATION_JSON)
            .content("{\"name\":\"Register sale\",\"price\":2.50,\"storeId\":\"" + A2 + "\"}"))
        .andExpect(status().isCreated())
        .andExpect(jsonPath("$.storeId").value(A1.toString()));
    assertThat(admin().queryForList("select store_id from demo_product where name = 'Register sale'", Object.class))
        .containsExactly(A1);
    admin().update("delete from demo_product where name = 'Register sale'");
  }

  @Test
  void unknownMalformedAndRevokedKeysGet401() throws Exception {
    IssuedRegisterKey revoked = issue(RA2);
    assertThat(Tenancy.supply(TenantContext.ofCompany(A), () -> keys.revoke(revoked.keyId()))).isTrue();
    String unknown = "trk_" + "A".repeat(43);
    for (String key : List.of(unknown, "nonsense", "", revoked.key(), revoked.key() + "x")) {
      mvc.perform(get("/products").with(asRegister(key)))
          .andExpect(status().isUnauthorized())
          .andExpect(content().contentTypeCompatibleWith(MediaType.APPLICATION_PROBLEM_JSON))
          .andExpect(header().string("WWW-Authenticate", Matchers.startsWith("RegisterKey")));
    }
  }

  @Test
  void aRegisterKeyTogetherWithABearerTokenGets400() throws Exception {
    String key = issue(RA1).key();
    mvc.perform(get("/products").with(asRegister(key)).with(asTenant(TOKENS.owner(A))))
        .andExpect(status().isBadRequest());
  }

  @Test
  void keysAreStoredOnlyAsHashesAndLastUseIsRecorded() throws Exception {
    IssuedRegisterKey key = issue(RA1);
    assertThat(key.toString()).doesNotContain(key.key());
    mvc.perform(get("/products").with(asRegister(key.key()))).andExpect(status().isOk());
    Map<String, Object> row = admin().queryForMap("select * from tenantry_register_key where id = ?", key.keyId());
    assertThat((byte[]) row.get("key_hash")).isEqualTo(MessageDigest.getInstance("SHA-256")
        .digest(key.key().getBytes(StandardCharsets.US_ASCII)));
    assertThat(row.values()).noneMatch(v -> v != null && v.toString().contains(key.key().substring(4)));
    assertThat(row.get("company_id")).isEqualTo(A);
    assertThat(row.get("store_id")).isEqualTo(A1);
    assertThat(row.get("last_seen_at")).isNotNull();
  }

  /**
   * The directory (issue 24): the key's hash maps to its company and id, platform-wide; the key row, whose primary
   * key is (company_id, id), is read as that company and decides.
   */
  @Test
  void theDirectoryMapsTheHashToTheCompanyAndTheKeyRowDecides() throws Exception {
    IssuedRegisterKey key = issue(RA1);
    byte[] hash = MessageDigest.getInstance("SHA-256").digest(key.key().getBytes(StandardCharsets.US_ASCII));
    Map<String, Object> entry = admin().queryForMap("select * from tenantry_register_key_lookup where key_hash = ?",
        (Object) hash);
    assertThat(entry).containsEntry("register_key_id", key.keyId()).containsEntry("company", A).hasSize(3);
    assertThat(admin().queryForObject("select count(*) from pg_constraint where conrelid ="
        + " 'tenantry_register_key'::regclass and contype in ('p', 'u') and not (conkey @> array[(select attnum"
        + " from pg_attribute where attrelid = conrelid and attname = 'company_id')])", Long.class)).isZero();

    // an entry whose key row is gone (its register deleted, its company offboarded) is inert, cached or not
    mvc.perform(get("/products").with(asRegister(key.key()))).andExpect(status().isOk());
    assertThat(RegisterKeyCaches.holds(keys, key.key())).isTrue();
    admin().update("delete from tenantry_register_key where id = ?", key.keyId());
    mvc.perform(get("/products").with(asRegister(key.key()))).andExpect(status().isUnauthorized());
    assertThat(keys.resolve(key.key())).isEmpty();
    assertThat(RegisterKeyCaches.holds(keys, key.key())).isFalse();
  }

  /**
   * The attack: a directory entry that sends a key of the attacker's choosing to another company's key. The key row,
   * read as that company, holds another hash, so nothing is authenticated and the victim's key is not touched.
   */
  @Test
  void aForgedDirectoryEntryPointingAtAnotherCompanysKeyAuthenticatesNothing() throws Exception {
    IssuedRegisterKey victim = Tenancy.supply(TenantContext.ofCompany(B), () -> keys.issue(World.RB1));
    String forged = "trk_" + "F".repeat(43);
    byte[] forgedHash = MessageDigest.getInstance("SHA-256").digest(forged.getBytes(StandardCharsets.US_ASCII));
    byte[] victimHash = MessageDigest.getInstance("SHA-256").digest(victim.key().getBytes(StandardCharsets.US_ASCII));
    admin().update("update tenantry_register_key_lookup set key_hash = ? where register_key_id = ?", forgedHash,
        victim.keyId());
    mvc.perform(get("/products").with(asRegister(forged))).andExpect(status().isUnauthorized());
    assertThat(keys.resolve(forged)).isEmpty();
    assertThat(admin().queryForObject("select last_seen_at from tenantry_register_key where id = ?", Object.class,
        victim.keyId())).isNull();
    admin().update("update tenantry_register_key_lookup set key_hash = ? where register_key_id = ?", victimHash,
        victim.keyId());
    mvc.perform(get("/products").with(asRegister(victim.key()))).andExpect(status().isOk());
  }

  @Test
  void keysAreIssuedAndRevokedOnlyInsideTheTenantThatSeesTheRegister() {
    assertThatThrownBy(() -> Tenancy.run(TenantContext.ofCompany(B), () -> keys.issue(RA1)))
        .isInstanceOf(TenantIsolationException.class);
    assertThatThrownBy(() -> Tenancy.run(TenantContext.ofStore(A, A1), () -> keys.issue(RA2)))
        .isInstanceOf(TenantIsolationException.class);
    assertThatThrownBy(() -> keys.issue(RA1)).isInstanceOf(NoTenantBoundException.class);

    IssuedRegisterKey key = issue(RA1);
    assertThat(Tenancy.supply(TenantContext.ofCompany(B), () -> keys.revoke(key.keyId()))).isFalse();
    assertThat(Tenancy.supply(TenantContext.ofStore(A, A2), () -> keys.revoke(key.keyId()))).isFalse();
    assertThat(keys.resolve(key.key())).isPresent();
  }
}
