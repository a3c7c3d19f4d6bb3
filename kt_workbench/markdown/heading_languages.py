"""Section headings in other languages, and the English synonyms real handbooks use.

The English names in ``vocabulary.SECTION_HEADINGS`` come first and are what export writes;
these are recognised on import. ``ktw.toml`` can choose the languages and add headings of
its own (see docs/importing.md).
"""

from __future__ import annotations

LANGUAGE_HEADINGS: dict[str, dict[str, tuple[str, ...]]] = {
    "en": {
        "purpose": ("Introduction", "About", "Background", "Context", "What is this"),
        "scope": ("Out of scope", "Applicability", "Who this is for"),
        "procedure": (
            "Workflows",
            "Steps to take",
            "Resolution steps",
            "Potential resolution steps",
            "Runbook",
            "Playbook",
            "How to",
            "What to do",
            "Processing",
        ),
        "scripts": ("Response templates", "Snippets", "Sample responses", "Email templates"),
        "decision_tree": ("Decision guide", "Flowchart", "Troubleshooting tree"),
        "access_rights": ("Access needed", "Required access", "Prerequisites and access"),
        "edge_cases": ("Exceptions and edge cases", "Corner cases", "Special situations"),
        "metrics": ("SLAs", "SLA", "Service levels", "KPIs and targets"),
        "contacts": ("Escalation", "Escalation path", "Who to contact", "Points of contact"),
        "glossary": ("Glossary of terms", "Key terms", "Abbreviations", "Acronyms"),
    },
    "fr": {
        "purpose": ("Objectif", "But", "Présentation", "Aperçu", "Résumé", "Contexte"),
        "scope": ("Périmètre", "Champ d'application", "Portée"),
        "procedure": ("Procédure", "Étapes", "Marche à suivre", "Processus", "Mode opératoire"),
        "scripts": ("Scripts", "Modèles de réponse", "Formulations"),
        "decision_tree": ("Arbre de décision", "Arbre décisionnel"),
        "access_rights": ("Droits d'accès", "Accès", "Habilitations"),
        "edge_cases": ("Cas particuliers", "Exceptions", "Cas limites"),
        "metrics": ("Indicateurs", "KPI", "Objectifs", "Mesures"),
        "contacts": ("Contacts d'escalade", "Contacts", "Escalade"),
        "glossary": ("Glossaire", "Lexique", "Définitions", "Terminologie"),
    },
    "de": {
        "purpose": ("Zweck", "Ziel", "Überblick", "Übersicht", "Zusammenfassung", "Einleitung"),
        "scope": ("Geltungsbereich", "Umfang", "Anwendungsbereich"),
        "procedure": ("Vorgehen", "Ablauf", "Schritte", "Verfahren", "Prozess", "Anleitung"),
        "scripts": ("Gesprächsleitfaden", "Textbausteine", "Vorlagen"),
        "decision_tree": ("Entscheidungsbaum", "Entscheidungen"),
        "access_rights": ("Zugriffsrechte", "Berechtigungen", "Zugänge"),
        "edge_cases": ("Sonderfälle", "Ausnahmen", "Grenzfälle"),
        "metrics": ("Kennzahlen", "Metriken", "Ziele"),
        "contacts": ("Eskalationskontakte", "Kontakte", "Eskalation", "Ansprechpartner"),
        "glossary": ("Glossar", "Begriffe", "Definitionen"),
    },
    "es": {
        "purpose": ("Propósito", "Objetivo", "Resumen", "Descripción", "Introducción"),
        "scope": ("Alcance", "Ámbito", "Ámbito de aplicación"),
        "procedure": ("Procedimiento", "Pasos", "Proceso", "Instrucciones", "Flujo de trabajo"),
        "scripts": ("Guiones", "Plantillas", "Respuestas predefinidas"),
        "decision_tree": ("Árbol de decisión", "Árbol de decisiones"),
        "access_rights": ("Derechos de acceso", "Accesos", "Permisos"),
        "edge_cases": ("Casos especiales", "Excepciones", "Casos límite"),
        "metrics": ("Métricas", "Indicadores", "Objetivos"),
        "contacts": ("Contactos de escalamiento", "Contactos", "Escalamiento", "Escalado"),
        "glossary": ("Glosario", "Términos", "Definiciones"),
    },
    "ja": {
        "purpose": ("目的", "概要", "はじめに", "背景"),
        "scope": ("範囲", "対象範囲", "適用範囲", "対象"),
        "procedure": ("手順", "ワークフロー", "対応手順", "処理手順", "プロセス", "作業手順"),
        "scripts": ("スクリプト", "テンプレート", "返信テンプレート", "定型文"),
        "decision_tree": ("判断フロー", "決定木", "判断基準"),
        "access_rights": ("アクセス権", "アクセス権限", "権限"),
        "edge_cases": ("例外", "特殊なケース", "エッジケース", "例外ケース"),
        "metrics": ("指標", "KPI", "目標"),
        "contacts": ("エスカレーション先", "連絡先", "エスカレーション", "問い合わせ先"),
        "glossary": ("用語集", "用語", "定義"),
    },
}
LANGUAGES: tuple[str, ...] = tuple(LANGUAGE_HEADINGS)
