package io.tenantry.examples.pos.store;

import io.tenantry.core.Tenancy;
import io.tenantry.core.model.Company;
import io.tenantry.examples.pos.web.ApiProblem;
import jakarta.persistence.EntityManager;
import jakarta.persistence.PersistenceContext;
import java.util.UUID;
import org.springframework.transaction.annotation.Transactional;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RestController;

/** {@code GET /api/company}: the caller's company (its name for the page header); any member or register. */
@RestController
@RequestMapping("/api/company")
class CompanyController {

  record CompanyView(UUID id, String name) {}

  @PersistenceContext
  private EntityManager em;

  @GetMapping
  @Transactional(readOnly = true)
  CompanyView get() {
    UUID id = Tenancy.current().companyId();
    Company company = em.find(Company.class, id);
    if (company == null) {
      throw ApiProblem.notFound("company");
    }
    return new CompanyView(company.getId(), company.getName());
  }
}
