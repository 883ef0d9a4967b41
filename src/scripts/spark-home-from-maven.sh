#!/usr/bin/env bash
# Lays out a stand-in Spark installation from the Maven jars, to try the standalone commands of the README
# on a machine without one: DIR/jars links the Spark jars of target/lib (less the libraries that
# target/festival-outcomes-cluster.jar bundles, as in a real installation), DIR/bin/spark-class and
# DIR/bin/spark-submit run them as Spark's own scripts do (java with Spark's Java 17 module options).
# Usage: mvn -q -B package -DskipTests && src/scripts/spark-home-from-maven.sh target/spark-home
set -euo pipefail
cd "$(dirname "$0")/../.."
home="${1:?usage: $0 DIR}"
app=target/festival-outcomes-cluster.jar
[ -f "$app" ] && [ -d target/lib ] || { echo "build first: mvn -q -B package -DskipTests" >&2; exit 2; }
command -v unzip >/dev/null || { echo "needs unzip (apt-get install unzip)" >&2; exit 2; }

mkdir -p "$home/jars" "$home/bin"
home="$(cd "$home" && pwd)"
rm -f "$home"/jars/*.jar
bundled="$(unzip -Z1 "$app" | grep '\.class$')"
for jar in target/lib/*.jar; do
  first="$(unzip -Z1 "$jar" | grep '\.class$' | grep -v -e '^META-INF/' -e 'module-info\.class$' | head -n 1 || true)"
  if [ -n "$first" ] && grep -qxF "$first" <<<"$bundled"; then
    continue
  fi
  ln -s "$PWD/$jar" "$home/jars/"
done

# the options bin/spark-class gives every Spark JVM on Java 17 (org.apache.spark.launcher.JavaModuleOptions);
# arguments are JVM options, then the main class and its arguments
cat > "$home/bin/spark-class" <<'SCRIPT'
#!/usr/bin/env bash
home="$(cd "$(dirname "$0")/.." && pwd)"
export SPARK_HOME="$home" SPARK_SCALA_VERSION=2.13
java="${JAVA_HOME:+$JAVA_HOME/bin/}java"
exec "$java" -cp "$home/jars/*" -XX:+IgnoreUnrecognizedVMOptions \
  --add-modules=jdk.incubator.vector \
  --add-opens=java.base/java.lang=ALL-UNNAMED --add-opens=java.base/java.lang.invoke=ALL-UNNAMED \
  --add-opens=java.base/java.lang.reflect=ALL-UNNAMED --add-opens=java.base/java.io=ALL-UNNAMED \
  --add-opens=java.base/java.net=ALL-UNNAMED --add-opens=java.base/java.nio=ALL-UNNAMED \
  --add-opens=java.base/java.util=ALL-UNNAMED --add-opens=java.base/java.util.concurrent=ALL-UNNAMED \
  --add-opens=java.base/java.util.concurrent.atomic=ALL-UNNAMED --add-opens=java.base/jdk.internal.ref=ALL-UNNAMED \
  --add-opens=java.base/sun.nio.ch=ALL-UNNAMED --add-opens=java.base/sun.nio.cs=ALL-UNNAMED \
  --add-opens=java.base/sun.security.action=ALL-UNNAMED --add-opens=java.base/sun.util.calendar=ALL-UNNAMED \
  --add-opens=java.security.jgss/sun.security.krb5=ALL-UNNAMED \
  -Dio.netty.tryReflectionSetAccessible=true -Dio.netty.allocator.type=pooled \
  -Dio.netty.handler.ssl.defaultEndpointVerificationAlgorithm=NONE \
  --sun-misc-unsafe-memory-access=allow --enable-native-access=ALL-UNNAMED \
  "$@"
SCRIPT
# client mode only: the driver is this JVM, so its memory is -Xmx (SPARK_DRIVER_MEMORY, as Spark reads it)
cat > "$home/bin/spark-submit" <<'SCRIPT'
#!/usr/bin/env bash
exec "$(dirname "$0")/spark-class" "-Xmx${SPARK_DRIVER_MEMORY:-1g}" -Djava.awt.headless=true \
  org.apache.spark.deploy.SparkSubmit "$@"
SCRIPT
chmod +x "$home/bin/spark-class" "$home/bin/spark-submit"
echo "$home ($(ls "$home/jars" | wc -l) jars)"
