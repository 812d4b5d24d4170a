@echo off
rem jfr-analyze, from the Taskflight bundle: runs lib\jfr-analyze.jar with the java on the PATH (JDK 17+).
setlocal
set "JAVA=java"
if defined JAVA_HOME set "JAVA=%JAVA_HOME%\bin\java"
if not defined JFR_ANALYZE_JAVA_OPTS set "JFR_ANALYZE_JAVA_OPTS=-Xmx256m"
"%JAVA%" %JFR_ANALYZE_JAVA_OPTS% -jar "%~dp0..\lib\jfr-analyze.jar" %*
