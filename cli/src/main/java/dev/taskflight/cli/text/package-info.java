/** Text output pieces shared by the commands. */
package dev.taskflight.cli.text;
