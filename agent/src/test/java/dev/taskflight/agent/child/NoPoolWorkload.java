package dev.taskflight.agent.child;

import jdk.jfr.Recording;

/** A program that runs no pool: it only makes the recording begin a second chunk, then exits. */
public final class NoPoolWorkload {

    private NoPoolWorkload() {
    }

    public static void main(String[] args) {
        try (Recording rotate = new Recording()) { // starting another recording begins a new chunk
            rotate.start();
            rotate.stop();
        }
        System.out.println("done");
    }
}
