package io.tenantry.hibernate.rls;

import static org.assertj.core.api.Assertions.assertThat;

import java.lang.reflect.Method;
import java.lang.reflect.Modifier;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Array;
import java.sql.CallableStatement;
import java.sql.Connection;
import java.sql.DatabaseMetaData;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/**
 * The generated pass-through classes are what {@link JdbcProxyGenerator} writes from today's
 * {@code java.sql} interfaces and hand-written wrappers: a hand edit, a forgotten regeneration or a
 * JDBC method nobody delegated fails here. {@code -Dtenantry.regenerate=true} rewrites them instead.
 */
class GeneratedProxiesTest {

  @Test
  void checkedInProxies_matchTheGenerator() throws Exception {
    Path dir = Path.of(JdbcProxyGenerator.SOURCE_DIR);
    boolean regenerate = Boolean.getBoolean("tenantry.regenerate");
    List<String> stale = new ArrayList<>();
    for (Map.Entry<String, String> file : JdbcProxyGenerator.generateAll().entrySet()) {
      Path path = dir.resolve(file.getKey());
      if (regenerate) {
        Files.writeString(path, file.getValue(), StandardCharsets.UTF_8);
      } else if (!Files.exists(path) || !Files.readString(path, StandardCharsets.UTF_8).equals(file.getValue())) {
        stale.add(file.getKey());
      }
    }
    assertThat(stale).as("generated JDBC wrappers differ from JdbcProxyGenerator's output; regenerate with "
        + "mvn -B -o -pl hibernate-integration -am verify -Dtest=GeneratedProxiesTest "
        + "-Dsurefire.failIfNoSpecifiedTests=false -Dtenantry.regenerate=true").isEmpty();
  }

  /** Every method of every wrapped interface is implemented by a class, none left to an interface default. */
  @Test
  void everyInterfaceMethod_isImplementedByTheWrapper() throws Exception {
    Map<Class<?>, Class<?>> wrappers = Map.of(Connection.class, RlsConnectionProxy.class,
        Statement.class, RlsStatementProxy.class, PreparedStatement.class, RlsPreparedStatementProxy.class,
        CallableStatement.class, RlsCallableStatementProxy.class, ResultSet.class, RlsResultSetProxy.class,
        DatabaseMetaData.class, RlsDatabaseMetaDataProxy.class, Array.class, RlsArrayProxy.class);
    List<String> missing = new ArrayList<>();
    for (Map.Entry<Class<?>, Class<?>> w : wrappers.entrySet()) {
      assertThat(Modifier.isFinal(w.getValue().getModifiers())).isTrue();
      for (Method m : w.getKey().getMethods()) {
        if (Modifier.isStatic(m.getModifiers())) {
          continue;
        }
        Method impl = w.getValue().getMethod(m.getName(), m.getParameterTypes());
        if (impl.getDeclaringClass().isInterface()) {
          missing.add(w.getValue().getSimpleName() + "." + m.getName());
        }
      }
    }
    assertThat(missing).isEmpty();
  }

  /** What leads back to the connection is hand-written: the generator refuses to delegate it. */
  @Test
  void generator_refusesToDelegateWhatLeadsBack() {
    JdbcProxyGenerator.Spec unguarded = new JdbcProxyGenerator.Spec(Unguarded.class, Statement.class,
        Map.of(Statement.class, "target"));
    org.assertj.core.api.Assertions.assertThatThrownBy(() -> JdbcProxyGenerator.toImplement(unguarded))
        .isInstanceOf(IllegalStateException.class).hasMessageContaining("must hand-write");
  }

  /** A wrapper that forgot getConnection. */
  abstract static class Unguarded implements Statement {}
}
