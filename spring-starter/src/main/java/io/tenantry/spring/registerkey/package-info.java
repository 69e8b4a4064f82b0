/**
 * Register API keys: how a register terminal authenticates ({@code X-Register-Key}) and, through
 * its key, names its register, store and company.
 *
 * <p>{@link io.tenantry.spring.registerkey.RegisterKeys} is the contract (issue, revoke, resolve);
 * {@link io.tenantry.spring.registerkey.JpaRegisterKeys} the default implementation over table
 * {@code tenantry_register_key} (migrations {@code classpath:db/tenantry/V0_1_1__tenantry_register_keys.sql} and
 * {@code V0_2_2__tenantry_register_key_lookup.sql}), mapped by {@link io.tenantry.spring.registerkey.RegisterKey}, with
 * the directory from a key's hash to its company, {@link io.tenantry.spring.registerkey.RegisterKeyLookupEntry}.
 * Keys are 256 random bits, shown in clear exactly once when issued and stored only as a SHA-256 hash.
 */
package io.tenantry.spring.registerkey;
