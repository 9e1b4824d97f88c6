package dev.rekord.spring;

import dev.rekord.model.RekordModel;
import java.beans.Introspector;
import java.util.ServiceLoader;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.beans.factory.config.AutowireCapableBeanFactory;
import org.springframework.beans.factory.support.AbstractBeanDefinition;
import org.springframework.beans.factory.support.BeanDefinitionRegistry;
import org.springframework.beans.factory.support.BeanDefinitionRegistryPostProcessor;
import org.springframework.beans.factory.support.RootBeanDefinition;
import org.springframework.util.ClassUtils;

/**
 * Registers the generated repository of every model compiled into the application (found as
 * {@code Rekord.models()} finds them: their generated {@code META-INF/services} registrations) as
 * a bean named like the class ({@code memberRepository}), made with the application's {@code
 * Rekord}. The processor names a model's repository after its model class: {@code MemberModel} →
 * {@code MemberRepository}, in the same package. A repository bean the application declares
 * itself is left alone.
 */
final class RepositoryRegistrar implements BeanDefinitionRegistryPostProcessor {
  private static final Logger LOG = LoggerFactory.getLogger(RepositoryRegistrar.class);

  private final ClassLoader loader;

  RepositoryRegistrar(ClassLoader loader) {
    this.loader = loader;
  }

  @Override
  @SuppressWarnings("rawtypes")
  public void postProcessBeanDefinitionRegistry(BeanDefinitionRegistry registry) {
    for (RekordModel model : ServiceLoader.load(RekordModel.class, loader)) {
      String modelClass = model.getClass().getName();
      if (!modelClass.endsWith("Model")) {
        continue; // not a generated model
      }
      String repositoryClass = modelClass.substring(0, modelClass.length() - "Model".length()) + "Repository";
      if (!ClassUtils.isPresent(repositoryClass, loader)) {
        LOG.debug("Rekord: no generated repository {} for {}", repositoryClass, model.name());
        continue;
      }
      Class<?> type = ClassUtils.resolveClassName(repositoryClass, loader);
      String name = Introspector.decapitalize(type.getSimpleName());
      if (registry.containsBeanDefinition(name)) {
        continue;
      }
      RootBeanDefinition definition = new RootBeanDefinition(type);
      definition.setAutowireMode(AutowireCapableBeanFactory.AUTOWIRE_CONSTRUCTOR);
      definition.setRole(AbstractBeanDefinition.ROLE_APPLICATION);
      registry.registerBeanDefinition(name, definition);
      LOG.debug("Rekord: registered {} as bean '{}'", repositoryClass, name);
    }
  }
}
