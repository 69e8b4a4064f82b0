package io.tenantry.hibernate.internal;

import io.tenantry.core.TenantContext;
import io.tenantry.core.TenantIsolationException;
import io.tenantry.core.internal.Bindings;
import io.tenantry.hibernate.internal.TenantParameter.Kind;
import java.sql.PreparedStatement;
import java.sql.SQLException;
import java.util.List;
import java.util.Locale;
import java.util.UUID;
import org.hibernate.engine.spi.LoadQueryInfluencers;
import org.hibernate.metamodel.mapping.JdbcMapping;
import org.hibernate.persister.entity.AbstractEntityPersister;
import org.hibernate.persister.entity.EntityPersister;
import org.hibernate.query.spi.QueryOptions;
import org.hibernate.query.spi.QueryParameterBindings;
import org.hibernate.query.sqm.internal.DomainParameterXref;
import org.hibernate.query.sqm.sql.SqmTranslator;
import org.hibernate.query.sqm.sql.StandardSqmTranslatorFactory;
import org.hibernate.query.sqm.sql.internal.SqmParameterInterpretation;
import org.hibernate.query.sqm.sql.internal.StandardSqmTranslator;
import org.hibernate.query.sqm.tree.SqmDmlStatement;
import org.hibernate.query.sqm.tree.insert.SqmInsertSelectStatement;
import org.hibernate.query.sqm.tree.insert.SqmInsertStatement;
import org.hibernate.query.sqm.tree.insert.SqmInsertValuesStatement;
import org.hibernate.sql.ast.spi.SqlAstCreationContext;
import org.hibernate.sql.ast.tree.MutationStatement;
import org.hibernate.sql.ast.tree.expression.ColumnReference;
import org.hibernate.sql.ast.tree.expression.Expression;
import org.hibernate.sql.ast.tree.expression.JdbcParameter;
import org.hibernate.sql.ast.tree.expression.Literal;
import org.hibernate.sql.ast.tree.insert.InsertSelectStatement;
import org.hibernate.sql.ast.tree.insert.InsertStatement;
import org.hibernate.sql.ast.tree.insert.Values;
import org.hibernate.sql.ast.tree.select.QuerySpec;
import org.hibernate.sql.exec.internal.AbstractJdbcParameter;
import org.hibernate.sql.exec.spi.ExecutionContext;
import org.hibernate.sql.exec.spi.JdbcParameterBinding;
import org.hibernate.sql.exec.spi.JdbcParameterBindings;

/**
 * Hibernate's SQM translator, with HQL and Criteria {@code insert} statements into tenant-owned
 * entities held to the bound tenant (Hibernate does not stamp or check them):
 * <ul>
 *   <li>{@code insert ... values}: a tenant column given as a parameter or literal is checked when the
 *       statement executes (another company, an invisible store, another register: refused, nothing
 *       inserted); one left out is stamped from the binding; any other expression is refused;</li>
 *   <li>{@code insert ... select}: the tenant columns must be taken from the selected (scoped) rows, as
 *       {@code select o.companyId, o.storeId, ...}; anything else is refused, naming that fix.</li>
 * </ul>
 * The statement shape never depends on the binding, so Hibernate may cache its translation.
 * Installed as {@code hibernate.query.sqm.translator} unless the application names its own. Public
 * only because Hibernate instantiates it by name.
 */
public final class TenantrySqmTranslatorFactory extends StandardSqmTranslatorFactory {

  @Override
  public SqmTranslator<? extends MutationStatement> createMutationTranslator(SqmDmlStatement<?> statement,
      QueryOptions queryOptions, DomainParameterXref xref, QueryParameterBindings bindings,
      LoadQueryInfluencers influencers, SqlAstCreationContext context) {
    if (statement instanceof SqmInsertStatement) {
      return new InsertTranslator(statement, queryOptions, xref, bindings, influencers, context);
    }
    return super.createMutationTranslator(statement, queryOptions, xref, bindings, influencers, context);
  }

  private static final class InsertTranslator extends StandardSqmTranslator<InsertStatement> {

    InsertTranslator(SqmDmlStatement<?> statement, QueryOptions queryOptions, DomainParameterXref xref,
        QueryParameterBindings bindings, LoadQueryInfluencers influencers, SqlAstCreationContext context) {
      super(statement, queryOptions, xref, bindings, influencers, context, false);
    }

    @Override
    public InsertStatement visitInsertValuesStatement(SqmInsertValuesStatement<?> sqm) {
      InsertStatement insert = super.visitInsertValuesStatement(sqm);
      guard(sqm, insert);
      return insert;
    }

    @Override
    public InsertStatement visitInsertSelectStatement(SqmInsertSelectStatement<?> sqm) {
      InsertStatement insert = super.visitInsertSelectStatement(sqm);
      guard(sqm, insert);
      return insert;
    }

    private void guard(SqmInsertStatement<?> sqm, InsertStatement insert) {
      EntityPersister persister = getCreationContext().getMappingMetamodel()
          .getEntityDescriptor(sqm.getTarget().getModel().getHibernateEntityName());
      Class<?> type = persister.getMappedClass();
      io.tenantry.core.model.internal.Ownership owner = OwnedEntityMetadata.ownership(type);
      if (owner == null || !(insert instanceof InsertSelectStatement)) {
        return;
      }
      InsertSelectStatement statement = (InsertSelectStatement) insert;
      String entity = type.getSimpleName();
      AbstractEntityPersister p = (AbstractEntityPersister) persister;
      column(statement, entity, p, owner.companyAttribute(), Kind.COMPANY);
      if (owner.storeLevel()) {
        column(statement, entity, p, owner.storeAttribute(), Kind.SELECTED_STORE);
      }
      if (owner.registerLevel()) {
        column(statement, entity, p, owner.registerAttribute(), Kind.SELECTED_REGISTER);
      }
    }

    private void column(InsertSelectStatement statement, String entity, AbstractEntityPersister persister,
        String property, Kind stamp) {
      String column = persister.getPropertyColumnNames(property)[0];
      JdbcMapping uuid = persister.getFactory().getTypeConfiguration().getBasicTypeForJavaType(UUID.class);
      List<ColumnReference> targets = statement.getTargetColumns();
      int index = -1;
      for (int i = 0; i < targets.size(); i++) {
        if (targets.get(i).getColumnExpression().equalsIgnoreCase(column)) {
          index = i;
        }
      }
      if (statement.getValuesList() != null && !statement.getValuesList().isEmpty()) {
        if (index < 0) {
          statement.addTargetColumnReference(new ColumnReference(statement.getTargetTable(), column, uuid));
        }
        for (Values values : statement.getValuesList()) {
          List<Expression> expressions = values.getExpressions();
          if (index < 0) {
            expressions.add(new TenantParameter(stamp, uuid));
          } else {
            Expression given = expressions.get(index);
            if (given instanceof SqmParameterInterpretation) {
              given = ((SqmParameterInterpretation) given).getResolvedExpression();
            }
            if (!(given instanceof JdbcParameter || given instanceof Literal)) {
              throw refused(entity, property, "give " + property + " as a parameter or leave it out (it is stamped "
                  + "from the bound tenant)");
            }
            expressions.set(index, new CheckedTenantValue(stamp, property, entity, given, uuid));
          }
        }
        return;
      }
      if (index < 0 || !(statement.getSourceSelectStatement() instanceof QuerySpec)
          || !sameColumn(((QuerySpec) statement.getSourceSelectStatement()).getSelectClause().getSqlSelections()
              .get(index).getExpression(), column)) {
        throw refused(entity, property, "take " + property + " from the selected rows (insert into " + entity
            + " (..., " + property + ") select ..., x." + property + " from ... x), or create the rows with persist, "
            + "which stamps and checks them");
      }
    }

    private static boolean sameColumn(Expression expression, String column) {
      ColumnReference reference = expression == null ? null : expression.getColumnReference();
      return reference != null && reference.getColumnExpression().toLowerCase(Locale.ROOT)
          .equals(column.toLowerCase(Locale.ROOT));
    }

    private static TenantIsolationException refused(String entity, String property, String fix) {
      return new TenantIsolationException("An HQL insert into " + entity + " that sets " + property
          + " this way is refused: Tenantry cannot check it against the bound tenant. Instead, " + fix + ".");
    }
  }

  /** A tenant column's value in {@code insert ... values}, checked against the binding when it is bound. */
  private static final class CheckedTenantValue extends AbstractJdbcParameter {
    private final Kind kind;
    private final String property;
    private final String entity;
    private final Expression given;

    CheckedTenantValue(Kind kind, String property, String entity, Expression given, JdbcMapping uuid) {
      super(uuid);
      this.kind = kind;
      this.property = property;
      this.entity = entity;
      this.given = given;
    }

    @Override
    public void bindParameterValue(PreparedStatement statement, int startPosition, JdbcParameterBindings bindings,
        ExecutionContext executionContext) throws SQLException {
      Object value;
      if (given instanceof JdbcParameter) {
        JdbcParameterBinding binding = bindings.getBinding((JdbcParameter) given);
        value = binding == null ? null : binding.getBindValue();
      } else {
        value = ((Literal) given).getLiteralValue();
      }
      if (value instanceof String) {
        value = UUID.fromString((String) value);
      }
      check(value);
      bindParameterValue(getJdbcMapping(), statement, value, startPosition, executionContext);
    }

    private void check(Object value) {
      String what = "An HQL insert into " + entity + " with " + property + " = " + value;
      TenantContext ctx = Bindings.requireTenantForWrite(what);
      boolean allowed = value instanceof UUID && switch (kind) {
        case COMPANY -> ctx.companyId().equals(value);
        case SELECTED_STORE -> ctx.canSee((UUID) value);
        case SELECTED_REGISTER -> ctx.registerId().map(value::equals).orElse(true);
        default -> false;
      };
      if (!allowed) {
        throw new TenantIsolationException(what + " is refused: it is not "
            + (kind == Kind.COMPANY ? "the bound company " + ctx.companyId()
                : kind == Kind.SELECTED_STORE ? "a visible store" : "the bound register")
            + ". Rows are always created in the bound tenant; leave " + property + " out to have it stamped.");
      }
    }
  }
}
