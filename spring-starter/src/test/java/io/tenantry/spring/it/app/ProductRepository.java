package io.tenantry.spring.it.app;

import java.util.UUID;
import org.springframework.data.jpa.repository.JpaRepository;
import org.springframework.data.jpa.repository.Modifying;
import org.springframework.data.jpa.repository.Query;
import org.springframework.transaction.annotation.Transactional;

public interface ProductRepository extends JpaRepository<Product, UUID> {

  /** An attack: moving a row to another store with a bulk update. */
  @Modifying
  @Transactional
  @Query("update Product p set p.storeId = :store where p.id = :id")
  int moveToStore(UUID id, UUID store);
}
