package dev.rekord.spring;

import java.time.Duration;
import org.springframework.boot.context.properties.ConfigurationProperties;

/**
 * {@code rekord.*}: how the starter connects and what it does at start-up. Unset connection
 * settings fall back to {@code spring.data.redis.*} (url, host, port, username, password,
 * database, ssl.enabled, timeout, connect-timeout, client-name), then to Rekord's defaults.
 */
@ConfigurationProperties("rekord")
public class RekordProperties {

  /**
   * Redis to connect to: redis://[user:password@]host:port[/database], rediss://… for TLS, or a
   * comma-separated list of host:port seeds of a cluster. Defaults to spring.data.redis.*.
   */
  private String url;

  /** The ACL user, overriding the URL's. */
  private String user;

  /** The password, overriding the URL's. */
  private String password;

  /** How long to wait for a reply. */
  private Duration socketTimeout;

  /** How long to wait for a connection. */
  private Duration connectTimeout;

  /** The maximum number of pooled connections (per node on a cluster). */
  private Integer poolSize;

  /** The name the connections give themselves (CLIENT SETNAME). */
  private String clientName;

  /** Whether to run rekord.migrate() at start-up, before any repository is used. */
  private boolean migrateOnStartup = true;

  /** Whether to register every generated repository (MemberRepository, …) as a bean. */
  private boolean registerRepositories = true;

  /** The most async operations (repository.async()) running or waiting at once. */
  private Integer maxInFlight;

  public String getUrl() {
    return url;
  }

  public void setUrl(String url) {
    this.url = url;
  }

  public String getUser() {
    return user;
  }

  public void setUser(String user) {
    this.user = user;
  }

  public String getPassword() {
    return password;
  }

  public void setPassword(String password) {
    this.password = password;
  }

  public Duration getSocketTimeout() {
    return socketTimeout;
  }

  public void setSocketTimeout(Duration socketTimeout) {
    this.socketTimeout = socketTimeout;
  }

  public Duration getConnectTimeout() {
    return connectTimeout;
  }

  public void setConnectTimeout(Duration connectTimeout) {
    this.connectTimeout = connectTimeout;
  }

  public Integer getPoolSize() {
    return poolSize;
  }

  public void setPoolSize(Integer poolSize) {
    this.poolSize = poolSize;
  }

  public String getClientName() {
    return clientName;
  }

  public void setClientName(String clientName) {
    this.clientName = clientName;
  }

  public boolean isMigrateOnStartup() {
    return migrateOnStartup;
  }

  public void setMigrateOnStartup(boolean migrateOnStartup) {
    this.migrateOnStartup = migrateOnStartup;
  }

  public boolean isRegisterRepositories() {
    return registerRepositories;
  }

  public void setRegisterRepositories(boolean registerRepositories) {
    this.registerRepositories = registerRepositories;
  }

  public Integer getMaxInFlight() {
    return maxInFlight;
  }

  public void setMaxInFlight(Integer maxInFlight) {
    this.maxInFlight = maxInFlight;
  }
}
