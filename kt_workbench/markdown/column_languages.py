"""Table column names in other languages, and the English synonyms real documents use.

The English names in ``vocabulary.TABLE_COLUMNS`` are always recognised and come first: they
are what a table built by a tool is written with. These are recognised on import, for the
languages ``ktw.toml`` chooses (``[headings] languages``: one choice for headings and
columns), and a ``[columns]`` table can add names of its own (see docs/importing.md).

A header is matched against one language at a time (with the English names beneath it), so
a word that means one column in English and another in a language, such as "Contact" (the
person in English, the way to reach them in French), is read in the sense that makes the
whole header fit.
"""

from __future__ import annotations

ColumnTable = dict[str, dict[str, tuple[str, ...]]]

LANGUAGE_COLUMNS: dict[str, ColumnTable] = {
    "en": {
        "access_rights": {
            "system": ("Systems", "Application name", "Platform"),
            "role": ("Roles", "Job role", "Who"),
            "access": ("Access type", "Rights", "Privileges", "Permission level"),
            "how_to_request": ("How to get access", "Request process", "Requested via"),
            "approver": ("Approvers", "Approving manager", "Owner approval"),
        },
        "metrics": {
            "name": ("Metrics", "KPIs", "Indicator"),
            "baseline": ("Current value", "Baseline value", "Starting point"),
            "target_30": ("Target 30 days", "30-day goal", "After 30 days", "Month 1", "1 month"),
            "target_60": ("Target 60 days", "60-day goal", "After 60 days", "Month 2", "2 months"),
            "target_90": ("Target 90 days", "90-day goal", "After 90 days", "Month 3", "3 months"),
        },
        "contacts": {
            "role": ("Tier", "Escalation tier", "Team"),
            "name": ("Contact name", "Owner"),
            "channel": ("Contact details", "How to contact", "Phone / email", "Email", "Phone"),
            "hours": ("Available", "Working hours", "Availability hours"),
        },
        "glossary": {
            "term": ("Terms", "Abbreviation"),
            "meaning": ("Explanation", "Stands for"),
        },
    },
    "fr": {
        "access_rights": {
            "system": ("Système", "Application", "Outil", "Logiciel"),
            "role": ("Rôle", "Fonction", "Profil"),
            "access": ("Accès", "Niveau d'accès", "Accès requis", "Droits", "Habilitation"),
            # What a request must say and where it goes: a French access matrix calls it the
            # justification of the request.
            "how_to_request": (
                "Comment demander",
                "Demande",
                "Modalités de demande",
                "Justification",
                "Justification métier",
            ),
            "approver": ("Approbateur", "Valideur", "Validé par", "Approuvé par", "Validation"),
        },
        "metrics": {
            "name": ("Indicateur", "KPI", "Mesure", "Métrique"),
            "baseline": ("Valeur actuelle", "Situation actuelle", "Référence", "Point de départ"),
            "target_30": ("30 jours", "Objectif à 30 jours", "J+30", "M+1", "1 mois"),
            "target_60": ("60 jours", "Objectif à 60 jours", "J+60", "M+2", "2 mois"),
            "target_90": ("90 jours", "Objectif à 90 jours", "J+90", "M+3", "3 mois"),
        },
        "contacts": {
            "role": ("Rôle", "Niveau", "Niveau d'escalade", "Fonction"),
            "name": ("Nom", "Interlocuteur", "Personne", "Nom et prénom"),
            "channel": (
                "Contact",
                "Coordonnées",
                "Canal",
                "Moyen de contact",
                "Email",
                "Téléphone",
            ),
            "hours": ("Horaires", "Disponibilité", "Heures", "Plage horaire", "Quand"),
        },
        "glossary": {
            "term": ("Terme", "Acronyme", "Sigle", "Mot"),
            "meaning": ("Signification", "Définition", "Sens", "Description"),
        },
    },
    "de": {
        "access_rights": {
            "system": ("System", "Anwendung", "Werkzeug", "Tool"),
            "role": ("Rolle", "Funktion"),
            "access": ("Zugriff", "Berechtigung", "Zugriffsrecht", "Zugriffsebene", "Rechte"),
            "how_to_request": ("Beantragung", "Antrag", "Wie beantragen", "Beantragen über"),
            "approver": ("Genehmiger", "Genehmigt durch", "Freigabe", "Freigabe durch"),
        },
        "metrics": {
            "name": ("Kennzahl", "KPI", "Metrik", "Messgröße"),
            "baseline": ("Ausgangswert", "Istwert", "Ist-Wert", "Aktuell", "Basiswert"),
            "target_30": (
                "30 Tage",
                "Ziel 30 Tage",
                "Ziel nach 30 Tagen",
                "Nach 30 Tagen",
                "1 Monat",
            ),
            "target_60": (
                "60 Tage",
                "Ziel 60 Tage",
                "Ziel nach 60 Tagen",
                "Nach 60 Tagen",
                "2 Monate",
            ),
            "target_90": (
                "90 Tage",
                "Ziel 90 Tage",
                "Ziel nach 90 Tagen",
                "Nach 90 Tagen",
                "3 Monate",
            ),
        },
        "contacts": {
            "role": ("Rolle", "Funktion", "Eskalationsstufe", "Stufe"),
            "name": ("Name", "Ansprechpartner", "Person"),
            "channel": ("Kontakt", "Kontaktweg", "Kanal", "Erreichbar über", "E-Mail", "Telefon"),
            "hours": ("Erreichbarkeit", "Verfügbarkeit", "Zeiten", "Servicezeiten"),
        },
        "glossary": {
            "term": ("Begriff", "Abkürzung", "Fachbegriff", "Wort"),
            "meaning": ("Bedeutung", "Definition", "Erklärung", "Beschreibung"),
        },
    },
    "es": {
        "access_rights": {
            "system": ("Sistema", "Aplicación", "Herramienta"),
            "role": ("Rol", "Función", "Perfil"),
            "access": ("Acceso", "Nivel de acceso", "Permiso", "Permisos"),
            "how_to_request": ("Cómo solicitar", "Solicitud", "Cómo solicitarlo"),
            "approver": ("Aprobador", "Aprobado por", "Aprobación", "Autorizado por"),
        },
        "metrics": {
            "name": ("Métrica", "Indicador", "KPI"),
            "baseline": ("Línea base", "Línea de base", "Valor actual", "Actual", "Valor inicial"),
            "target_30": ("30 días", "Objetivo a 30 días", "Meta 30 días", "Meta 1 mes", "1 mes"),
            "target_60": (
                "60 días",
                "Objetivo a 60 días",
                "Meta 60 días",
                "Meta 2 meses",
                "2 meses",
            ),
            "target_90": (
                "90 días",
                "Objetivo a 90 días",
                "Meta 90 días",
                "Meta 3 meses",
                "3 meses",
            ),
        },
        "contacts": {
            "role": ("Rol", "Función", "Nivel", "Nivel de escalamiento"),
            "name": ("Nombre", "Persona", "Responsable"),
            "channel": ("Contacto", "Canal", "Medio de contacto", "Correo electrónico", "Teléfono"),
            "hours": ("Horario", "Disponibilidad", "Horas", "Cuándo"),
        },
        "glossary": {
            "term": ("Término", "Sigla", "Acrónimo", "Palabra"),
            "meaning": ("Significado", "Definición", "Descripción"),
        },
    },
    "ja": {
        "access_rights": {
            "system": ("システム", "ツール", "アプリケーション", "システム名"),
            "role": ("役割", "ロール"),
            "access": ("権限", "アクセス権", "アクセス権限", "アクセスレベル", "権限レベル"),
            "how_to_request": ("申請方法", "申請", "依頼方法", "取得方法"),
            "approver": ("承認者", "承認", "承認者名"),
        },
        "metrics": {
            "name": ("指標", "KPI", "メトリクス", "指標名"),
            "baseline": ("ベースライン", "現状", "現状値", "現在値", "基準値"),
            "target_30": ("30日", "30日目標", "30日後", "目標(30日)", "1か月後", "1ヶ月後"),
            "target_60": ("60日", "60日目標", "60日後", "目標(60日)", "2か月後", "2ヶ月後"),
            "target_90": ("90日", "90日目標", "90日後", "目標(90日)", "3か月後", "3ヶ月後"),
        },
        "contacts": {
            "role": ("役割", "エスカレーションレベル", "レベル", "対応レベル"),
            "name": ("氏名", "名前", "担当者", "担当"),
            "channel": ("連絡先", "連絡方法", "連絡手段", "メール", "電話番号"),
            "hours": ("対応時間", "受付時間", "時間帯", "稼働時間"),
        },
        "glossary": {
            "term": ("用語", "略語", "単語"),
            "meaning": ("意味", "定義", "説明"),
        },
    },
}
